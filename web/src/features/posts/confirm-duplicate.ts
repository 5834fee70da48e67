import type { App } from 'antd';
import { ApiError } from '../../lib/api-client';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/**
 * Sends a public form; when the server warns that the same phone sent the same text within a day
 * (409 DUPLICATE_SUSPECTED), shows its message in a confirmation dialog and, if the person confirms,
 * sends again with confirmDuplicate. Resolves undefined when they decide not to send.
 */
export async function sendConfirmingDuplicate<T>(
  modal: ModalApi, texts: { title: string; ok: string; cancel: string }, send: (confirmDuplicate: boolean) => Promise<T>,
): Promise<T | undefined> {
  try {
    return await send(false);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'DUPLICATE_SUSPECTED') throw error;
    const confirmed = await modal.confirm({ title: texts.title, content: error.message, okText: texts.ok, cancelText: texts.cancel });
    return confirmed ? send(true) : undefined;
  }
}
