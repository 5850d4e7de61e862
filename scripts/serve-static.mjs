// A tiny static server for `dist/`, mounted under a sub-path so tests prove the
// build works away from the host's root. Usage: node scripts/serve-static.mjs [port] [base]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` under `base`; `mounts` adds more folders under their own paths on the same
 * server (the page benchmark serves its blank reference page next to the app).
 */
export function startStaticServer({ root = 'dist', port = 4173, base = '/policy-sim/', mounts = [] } = {}) {
  const all = [{ root, base }, ...mounts].map((m) => ({ base: m.base, rootDir: resolve(m.root) }));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/' || url.pathname === base.slice(0, -1)) {
      res.writeHead(302, { location: base });
      res.end();
      return;
    }
    const mount = all.find((m) => url.pathname.startsWith(m.base));
    if (!mount) {
      res.writeHead(404).end('not found');
      return;
    }
    const { rootDir } = mount;
    let rel = decodeURIComponent(url.pathname.slice(mount.base.length)) || 'index.html';
    const file = normalize(join(rootDir, rel));
    if (!file.startsWith(rootDir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      const target = info.isDirectory() ? join(file, 'index.html') : file;
      const body = await readFile(target);
      res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 4173);
  const base = process.argv[3] ?? '/policy-sim/';
  await startStaticServer({ port, base });
  console.log(`Serving dist/ at http://127.0.0.1:${port}${base}`);
}
