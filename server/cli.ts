import { loadConfig } from './config.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from './db/seed/index.js';
import { startServer } from './main.js';
import { runFollowUpWork } from './modules/feedback/index.js';
import { runSweep } from './modules/matters/index.js';
import { createBackup, restoreBackup } from './platform/backup/index.js';
import { migrate } from './platform/db/migrate.js';
import { verifyIntegrity } from './platform/verify.js';
import { connect, prepareContext } from './runtime.js';

const USAGE = `用法：jingmin <命令>
  start              启动服务（首次启动且数据库为空时载入演示数据；--no-demo 不载入）
  migrate            执行数据库迁移
  seed               载入演示数据（数据库须为空；--force 在已有数据时追加）
  sweep              立即执行一次超期/临期扫描和回访派发（回访链接、转电话回访、整改超期）
  verify             校验时间线与审计日志的哈希链，报告被篡改或缺失的记录
  backup <文件>      备份数据库（服务运行时也可执行；得到一致的快照）
  restore <文件>     把备份恢复到当前数据目录或 DATABASE_URL 指向的空数据库
环境变量：PORT、DATABASE_URL、JINGMIN_DATA_DIR、JINGMIN_VAULT_KEY`;

const say = (line: string) => console.log(line);

async function withContext<T>(work: (ctx: Awaited<ReturnType<typeof prepareContext>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const connection = await connect(config, say, { poolSize: 4 });
  try {
    return await work(await prepareContext(connection.db, config, say));
  } finally {
    await connection.close();
  }
}

async function main(argv: string[]) {
  const [command, ...args] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start':
      await startServer(config, { demo: !args.includes('--no-demo') });
      return;
    case 'migrate': {
      const connection = await connect(config, say, { poolSize: 2 });
      try {
        const count = await migrate(connection.db, say);
        say(count ? `已执行 ${count} 个迁移` : '数据库结构已是最新');
      } finally {
        await connection.close();
      }
      return;
    }
    case 'seed':
      await withContext(async (ctx) => {
        const seeded = await seedDemo(ctx, { onlyIfEmpty: !args.includes('--force'), log: say });
        if (!seeded) say('数据库中已有数据，未载入演示数据（如确需追加请加 --force）');
        else say(`已载入演示数据：${seeded.units} 个单位、${seeded.staff} 名人员、${seeded.matters} 件事项；演示密码 ${DEMO_PASSWORD}，账号：${DEMO_LOGINS.map((l) => l.username).join('、')}`);
      });
      return;
    case 'sweep':
      await withContext(async (ctx) => {
        say(JSON.stringify(await runSweep(ctx.db, ctx.clock())));
        say(JSON.stringify(await runFollowUpWork(ctx, ctx.clock())));
      });
      return;
    case 'verify': {
      const report = await withContext((ctx) => verifyIntegrity(ctx.db));
      for (const problem of report.problems) say(`✗ ${problem}`);
      say(`已校验 ${report.matters} 件事项的 ${report.events} 条时间线记录、${report.auditEvents} 条审计记录：${report.problems.length ? `发现 ${report.problems.length} 处问题` : '未发现篡改或缺失'}`);
      process.exitCode = report.problems.length ? 1 : 0;
      return;
    }
    case 'backup': {
      if (!args[0]) throw new Error('请指定备份文件路径，例如：jingmin backup backups/jingmin-20261129.jmbak');
      const connection = await connect(config, say, { poolSize: 2 });
      try {
        const result = await createBackup(connection.db, args[0], (line) => say(line));
        say(`备份完成：${result.file}（${result.tables} 张表，${result.rows} 行）`);
      } finally {
        await connection.close();
      }
      return;
    }
    case 'restore': {
      if (!args[0]) throw new Error('请指定要恢复的备份文件');
      const connection = await connect(config, say, { poolSize: 2 });
      try {
        const result = await restoreBackup(connection.db, args[0], (line) => say(line));
        say(`恢复完成：${result.tables} 张表，${result.rows} 行`);
      } finally {
        await connection.close();
      }
      return;
    }
    default:
      say(USAGE);
      process.exitCode = command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`错误：${error.message}`);
  process.exit(1);
});
