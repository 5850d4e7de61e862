// Opening a share link while the page runs. A short link is decoded at once (the answer
// comes before this returns, as it always has); a long one in a worker, so that a link
// that inflates to tens of megabytes, or is a DEFLATE bomb, never blocks the page.
import type { DecodeResult } from '../../../engine';
import { decodeShareFragment } from '../../engine-extras';

export interface DecodeRequest {
  id: number;
  fragment: string;
}
export interface DecodeReply {
  id: number;
  result: DecodeResult;
}

/** Links up to this many characters decode in well under a frame; longer ones go to the worker. */
export const ON_THREAD_CHARS = 64_000;

let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, { fragment: string; done: (r: DecodeResult) => void }>();

function start(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const w = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'share-decode-worker' });
    w.onmessage = (e: MessageEvent<DecodeReply>) => {
      const job = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      job?.done(e.data.result);
    };
    // A worker that cannot start (a host that refuses worker scripts): decode here, slow but right.
    w.onerror = () => {
      worker = null;
      for (const [id, job] of waiting) {
        waiting.delete(id);
        job.done(decodeShareFragment(job.fragment));
      }
    };
    return w;
  } catch {
    return null;
  }
}

/** Decodes `fragment` and calls `done` with the result: at once for a short link, later for a long one. */
export function decodeShareLink(fragment: string, done: (r: DecodeResult) => void): void {
  if (fragment.length <= ON_THREAD_CHARS) {
    done(decodeShareFragment(fragment));
    return;
  }
  if (worker === undefined) worker = start();
  if (!worker) {
    done(decodeShareFragment(fragment));
    return;
  }
  const id = ++nextId;
  waiting.set(id, { fragment, done });
  worker.postMessage({ id, fragment } satisfies DecodeRequest);
}
