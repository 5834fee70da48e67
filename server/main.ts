import { buildApp, WEB_DIST } from './app.js';
import type { Config } from './config.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from './db/seed/index.js';
import { startSweeper } from './modules/matters/index.js';
import { startFollowUpWorker } from './modules/feedback/index.js';
import { createSmsGateway, startMessageDelivery } from './platform/notify/index.js';
import { connect, prepareContext } from './runtime.js';

/** config → database → migrate → (demo data on an empty database) → listen → sweep → graceful close. */
export async function startServer(config: Config, options: { demo: boolean }) {
  const say = (line: string) => console.log(`[jingmin] ${line}`);
  const sms = createSmsGateway(config.sms);
  say(`短信：${sms.description}`);
  const connection = await connect(config, say);
  say(`数据库：${connection.description}`);
  const ctx = await prepareContext(connection.db, config, say);
  say(`个人信息加密密钥：${ctx.vault.source}`);
  if (options.demo) {
    const seeded = await seedDemo(ctx, { onlyIfEmpty: true, log: say });
    if (seeded) say(`已载入演示数据：${seeded.units} 个单位、${seeded.staff} 名人员、${seeded.matters} 件事项`);
  }
  const app = await buildApp({ ...ctx, logger: { level: process.env.LOG_LEVEL ?? 'info' }, trustProxy: process.env.JINGMIN_TRUST_PROXY ?? false, webDir: WEB_DIST });
  const stopSweeper = startSweeper(ctx, config.sweepIntervalMs, (msg, detail) => app.log.info(detail ?? {}, msg));
  // 回访: links out, unanswered links to the call queue, late rectifications (server/modules/feedback), at the sweep's pace.
  const stopFollowUps = startFollowUpWorker(ctx, config.sweepIntervalMs, (msg, detail) => app.log.info(detail ?? {}, msg));
  const stopDelivery = startMessageDelivery(ctx.db, ctx.vault, sms, ctx.clock, config.smsIntervalMs, (msg, detail) => app.log.info(detail ?? {}, msg));
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  say(`警民通已启动：${url}  （接口文档 ${url}/api/docs）`);
  if (options.demo) {
    say(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const login of DEMO_LOGINS) say(`  ${login.username.padEnd(16)} ${login.description}`);
  }

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`收到 ${signal}，正在停止…`);
    stopSweeper();
    stopDelivery();
    stopFollowUps();
    await app.close();
    await connection.close();
    // The server owns the embedded database even when it found it still running after a crash.
    await connection.cluster?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
  return app;
}
