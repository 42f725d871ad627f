/**
 * "Run it locally": the part of the migration summary that gets a developer from the migrated code to a
 * running app in a few minutes: the services to start, what to install, which variables development
 * needs (none: the adapters default to local services) and the commands for the app and its worker.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MigrationPlan } from './migrate.js';

/** The one-line commands that start the services the adapters need, on the ports their development defaults use. */
export const localServices = {
  redis: 'docker run -d --name redis -p 6379:6379 redis   (or: redis-server)',
  s3: 'docker run -d --name minio -p 9000:9000 minio/minio server /data',
  bucket: 'docker run --rm --network host --entrypoint sh minio/mc -c "mc alias set local http://127.0.0.1:9000 minioadmin minioadmin && mc mb --ignore-existing local/local-uploads"',
} as const;

function scriptsOf(root: string): Record<string, string> {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8').replace(/^\uFEFF/, '')) as { scripts?: unknown };
    return typeof manifest.scripts === 'object' && manifest.scripts !== null ? (manifest.scripts as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The summary's "Run it locally" lines; none when the migration left the app needing nothing new. */
export function runLocallyLines(plan: MigrationPlan): string[] {
  const redis = plan.env.includes('REDIS_URL');
  const s3 = plan.env.includes('S3_BUCKET');
  if (!redis && !s3 && !plan.worker) return [];
  const lines = ['', 'Run it locally:'];
  let step = 0;
  const item = (text: string, ...more: string[]) => lines.push(`  ${++step}. ${text}`, ...more.map((line) => `       ${line}`));
  const services = [...(redis ? ['Redis'] : []), ...(s3 ? ['an S3-compatible server (MinIO) with the bucket local-uploads'] : [])];
  const commands = [...(redis ? [localServices.redis] : []), ...(s3 ? [localServices.s3, localServices.bucket] : [])];
  if (services.length > 0) item(`Start ${services.join(' and ')}:`, ...commands);
  if (plan.dependencies.dependencies.length + plan.dependencies.devDependencies.length > 0) item('Install the added packages: npm install (or your package manager\'s install).');
  const defaults = [
    ...(redis ? ['REDIS_URL defaults to redis://127.0.0.1:6379'] : []),
    ...(s3 ? ['without S3_BUCKET and S3_ENDPOINT, files go to the MinIO at http://127.0.0.1:9000 (user minioadmin)'] : []),
  ];
  if (defaults.length > 0) {
    item(`In development the new variables may stay unset: ${defaults.join('; ')}. With NODE_ENV=production the app refuses to start without ${plan.env.filter((name) => name !== 'S3_ENDPOINT').join(' and ')}.`);
  }
  const scripts = scriptsOf(plan.root);
  const start = scripts.dev ? 'npm run dev' : scripts.start ? 'npm start' : 'start it as before';
  // plan.scripts holds `name: command` (a name may hold a colon itself: `worker:dev`).
  const addedScripts = new Set(plan.scripts.map((entry) => entry.slice(0, entry.indexOf(': '))));
  const worker = plan.worker && (addedScripts.has('worker:dev') || scripts['worker:dev'] ? 'npm run worker:dev' : plan.worker.command);
  item(worker ? `Start the app (${start}) and, in a second terminal, its worker: ${worker}.` : `Start the app: ${start}.`);
  lines.push('  While a service is down, the app prints one line saying what to start, and keeps retrying.');
  return lines;
}
