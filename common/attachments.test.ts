import { describe, expect, it } from 'vitest';
import {
  checkAttachment, cleanFileName, formatBytes, MAX_ATTACHMENT_BYTES, MAX_FILE_NAME, sniffType,
} from './attachments.js';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
const EXE = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0]);

describe('sniffing the type from the first bytes', () => {
  it('recognises every allowed type', () => {
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(PNG)).toBe('image/png');
    expect(sniffType(bytes('GIF87a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffType(bytes('%PDF-1.7\n%'))).toBe('application/pdf');
  });

  it('refuses what is not one of them, and what is too short to tell', () => {
    expect(sniffType(EXE)).toBeUndefined();
    expect(sniffType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeUndefined(); // a RIFF that is not WebP
    expect(sniffType(bytes('GIF88a'))).toBeUndefined();
    expect(sniffType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeUndefined(); // SVG can carry script
    expect(sniffType(bytes('<html>'))).toBeUndefined();
    expect(sniffType(bytes([0xff, 0xd8]))).toBeUndefined();
    expect(sniffType(new Uint8Array())).toBeUndefined();
  });
});

describe('checking a file', () => {
  it('refuses an .exe renamed .jpg, naming the file', () => {
    expect(checkAttachment('照片.jpg', 1000, EXE)).toEqual({ problem: 'type', name: '照片.jpg' });
  });

  it('takes a PNG named .pdf for the PNG it is', () => {
    expect(checkAttachment('scan.pdf', 1000, PNG)).toEqual({ type: 'image/png', name: 'scan.pdf' });
  });

  it('allows exactly 10 MB and refuses one byte more', () => {
    expect(checkAttachment('a.jpg', MAX_ATTACHMENT_BYTES, JPEG)).toEqual({ type: 'image/jpeg', name: 'a.jpg' });
    expect(checkAttachment('a.jpg', MAX_ATTACHMENT_BYTES + 1, JPEG)).toEqual({ problem: 'size', name: 'a.jpg' });
  });

  it('refuses an empty file', () => {
    expect(checkAttachment('empty.png', 0, new Uint8Array())).toEqual({ problem: 'type', name: 'empty.png' });
  });
});

describe('cleaning file names', () => {
  it('strips folders of either kind', () => {
    expect(cleanFileName('C:\\fakepath\\现场照片.jpg')).toBe('现场照片.jpg');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('/tmp/a b.png')).toBe('a b.png');
  });

  it('strips control and direction-override characters', () => {
    expect(cleanFileName('bad\u0000na\u001fme\r\n.pdf')).toBe('badname.pdf');
    expect(cleanFileName('photo\u202egpj.exe')).toBe('photogpj.exe');
  });

  it('never returns an empty name', () => {
    expect(cleanFileName('')).toBe('attachment');
    expect(cleanFileName('   ', 'image/png')).toBe('attachment.png');
    expect(cleanFileName('dir/', 'application/pdf')).toBe('attachment.pdf');
    expect(cleanFileName('..', 'image/gif')).toBe('attachment.gif');
  });

  it('cuts long names to 200 characters, keeping the extension and whole characters', () => {
    const long = `${'长'.repeat(300)}.jpeg`;
    const cut = cleanFileName(long);
    expect([...cut]).toHaveLength(MAX_FILE_NAME);
    expect(cut.endsWith('.jpeg')).toBe(true);
    const emoji = cleanFileName('😀'.repeat(250));
    expect([...emoji]).toHaveLength(MAX_FILE_NAME);
    expect(emoji).not.toMatch(/[\ud800-\udbff]$/);
  });
});

it('formats sizes', () => {
  expect(formatBytes(532)).toBe('532 B');
  expect(formatBytes(14_540)).toBe('14.2 KB');
  expect(formatBytes(MAX_ATTACHMENT_BYTES)).toBe('10.0 MB');
});
