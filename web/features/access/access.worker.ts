// The access worker: a thin shell around protocol.ts. It gives way between slices
// through a MessageChannel (not setTimeout, which browsers slow to 4 ms when nested).
import { createWorkerHost, type FromWorker, type ToWorker } from './protocol';

// The page's tsconfig has the DOM lib, not WebWorker's: the little of the scope used here.
const scope = self as unknown as {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  location: { href: string };
};
const channel = new MessageChannel();
const queue: (() => void)[] = [];
channel.port1.onmessage = () => queue.shift()?.();

const host = createWorkerHost(
  (message, transfer) => scope.postMessage(message, transfer ?? []),
  (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  },
);

scope.onmessage = (e) => host.handle(e.data);
// The page keeps this file for offline use (a worker's script is not in the page's resource timings).
scope.postMessage({ type: 'hello', urls: [scope.location.href] }, []);
