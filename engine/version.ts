/** The engine's version, recorded in share links. Bump it when a decision could change. */
export const ENGINE_VERSION = '0.1.0';
