// Offline use: a service worker (public/sw.js) keeps the site's own files. It is told
// which files this visit loaded before it took control, so one visit is enough.

function post(urls: () => string[]): void {
  navigator.serviceWorker?.controller?.postMessage({ type: 'keep', urls: urls().filter((u) => u.startsWith(location.origin)) });
}

/** Asks the service worker to keep these files (same-origin ones only), now or once it takes control. */
export function keepForOffline(urls: () => string[]): void {
  if (!('serviceWorker' in navigator)) return;
  if (navigator.serviceWorker.controller) post(urls);
  else navigator.serviceWorker.addEventListener('controllerchange', () => post(urls), { once: true });
}

/** Registers the service worker, then hands it the files loaded so far. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  const loaded = () => [location.href.split('#')[0], ...performance.getEntriesByType('resource').map((e) => e.name)];
  navigator.serviceWorker
    .register('./sw.js')
    .then(() => {
      keepForOffline(loaded);
      // The editor arrives a little later.
      setTimeout(() => keepForOffline(loaded), 5000);
    })
    .catch(() => {
      // Offline support is a bonus; the page works without it.
    });
}
