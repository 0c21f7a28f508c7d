// Uploads files to POST /api/imports from a process of its own, all at once, so that a test can
// watch the server's responsiveness without the client's work (building and sending megabytes of
// multipart body) running on the server's event loop.
//
//   const answers = await uploadFromProcess(url, [{ cookie, path, name }]);  // [{ status, body, retryAfter }]
//
// Run as a script (by uploadFromProcess), it reads the uploads as JSON from its first argument and
// prints the answers as JSON.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';

export interface FileUpload {
  cookie: string;
  /** The file to send. */
  path: string;
  /** Its name in the form. */
  name: string;
}

export interface UploadAnswer {
  status: number;
  retryAfter: string | null;
  body: Record<string, unknown>;
}

export function uploadFromProcess(url: string, uploads: FileUpload[]): Promise<UploadAnswer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(import.meta.url), JSON.stringify({ url, uploads })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // A real client runs on another machine: this one yields the processor to the server it tests.
    if (child.pid) setPriority(child.pid, 10);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as UploadAnswer[]) : reject(new Error(`The upload process ended with code ${code}.`))));
  });
}

async function upload(url: string, { cookie, path, name }: FileUpload): Promise<UploadAnswer> {
  const boundary = `upload-${Math.random().toString(36).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), await readFile(path), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const res = await fetch(`${url}/api/imports`, { method: 'POST', body, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url, uploads } = JSON.parse(process.argv[2]!) as { url: string; uploads: FileUpload[] };
  process.stdout.write(JSON.stringify(await Promise.all(uploads.map((u) => upload(url, u)))));
}
