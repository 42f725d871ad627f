/** Everything we know about libraries and frameworks, as data. */
export * from './types.js';
export * from './sessions.js';
export * from './caches.js';
export * from './files.js';
export * from './jobs.js';
export * from './realtime.js';
export * from './counters.js';
export * from './frameworks.js';
export * from './processes.js';
export * from './entries.js';
export * from './state-classification.js';
export * from './module-names.js';
export * from './containers.js';
export * from './browser.js';
export * from './patterns.js';
export * from './handles.js';
