// A server process of bench/api.bench.ts, run by plain node (no TypeScript loader): a bare Fastify
// hello world, or the compiled `gcm-review serve` (dist/node, as bin/gcm-review.js runs it) with
// the arguments the benchmark gives. Either way it answers the benchmark's questions about its
// memory and the CPU time it has used, and (with a file named) profiles the load between one
// question and the next into that file.
//   node bench/support/api-server.js '{"kind":"hello"}'
//   node bench/support/api-server.js '{"kind":"app","args":["--data-dir","DIR","--port","PORT"]}'
import { writeFileSync } from 'node:fs';

const mode = JSON.parse(process.argv[2]);

let profiling;
process.on('message', (message) => {
  if (!message.stats) return;
  void (async () => {
    if (profiling) {
      const session = await profiling;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(message.profileTo, JSON.stringify(profile));
      session.disconnect();
      profiling = undefined;
    }
    const cpu = process.cpuUsage();
    process.send({ stats: { rss: process.memoryUsage().rss, cpuMicros: cpu.user + cpu.system } });
    if (message.profile) {
      profiling = import('node:inspector/promises').then(async ({ Session }) => {
        const session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        return session;
      });
    }
  })();
});

// Listening to the benchmark does not keep the process alive: a server that fails to start ends.
process.channel?.unref();

if (mode.kind === 'hello') {
  const { default: Fastify } = await import('fastify');
  const app = Fastify();
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send({ ready: { url: `http://127.0.0.1:${app.server.address().port}` } });
} else {
  // The command line as `gcm-review serve …` would run it; it stops on SIGTERM as in production.
  process.argv = [process.argv[0], 'gcm-review', 'serve', ...mode.args];
  await import('../../dist/node/cli/main.js');
}
