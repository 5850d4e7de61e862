// Decodes a long share link off the page's thread: a link may hold 4 MB that inflates to
// 32 MB before it is refused, and that must not freeze the page.
import { decodeShareFragment } from '../../engine-extras';
import type { DecodeRequest, DecodeReply } from './decode';

// The page's tsconfig has the DOM lib, not WebWorker's: the little of the scope used here.
const scope = self as unknown as {
  postMessage(message: DecodeReply): void;
  onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null;
};

scope.onmessage = (e) => scope.postMessage({ id: e.data.id, result: decodeShareFragment(e.data.fragment) });
