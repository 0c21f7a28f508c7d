// A bare Fastify answering GET /api/health, started the way the server is (a node process given a
// port): the floor that `gcm-review serve` is compared with in bench/start.bench.js.
//   node bench/support/hello-fastify.js PORT
import Fastify from 'fastify';

const app = Fastify();
app.get('/api/health', async () => ({ status: 'ok' }));
process.once('SIGTERM', () => void app.close());
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
