/**
 * The built service (`npm run build` output, as `npm start` runs it: AppModule + configureApp from dist/)
 * on a random loopback port, printing `listening <port>` once ready. `npm run bench -- reads` measures
 * this rather than the TypeScript sources through @swc-node/register: the keyed cached read measured
 * 0.28–0.41× bare there and ≈ the unkeyed read from dist/ (docs/benchmarks.md).
 */
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { AppModule } = require('../../dist/app.module');
const { configureApp } = require('../../dist/bootstrap/configure-app');

async function main() {
  const app = await NestFactory.create(AppModule, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  process.stderr.write(`listening ${app.getHttpServer().address().port}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
