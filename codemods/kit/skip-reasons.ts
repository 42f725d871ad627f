/**
 * Every reason a codemod (or `migrate`) leaves something as it is, by id: the sentence the summary shows and,
 * where the code itself should say what to do, the text of the `// TODO(stateless)` comment. Both are templates:
 * `{name}` is filled from the skip's details (`{line}` is the skip's own line); a brace with spaces, such as
 * `{ every }`, is code and stays as written. A codemod reports `report.skipped(line, 'job-timeout-loop', { name })`.
 */

interface SkipReason {
  message: string;
  todo?: string;
}

const reasons = {
  // kit and migrate
  'unparsable': { message: 'could not rewrite {file}: {error}' },
  'not-rewritten': { message: 'the {codemod} codemod does not rewrite this case; {remedy}' },
  'file-unreadable': { message: 'could not read {file}: {error}' },
  'file-not-written': { message: '{file} was not written: {why}' },

  // session-redis
  'session-options-elsewhere': {
    message: "{module} options at line {line} are built elsewhere ({why}); add `store: new RedisStore({ client: redis, prefix: '{prefix}' })` where they are made",
    todo: "give {module} a shared store: new RedisStore({ client: redis, prefix: '{prefix}' }) from connect-redis",
  },
  'session-options-spread': {
    message: "{module} options at line {line} spread in other options that may set a store; add `store: new RedisStore({ client: redis, prefix: '{prefix}' })` by hand",
  },
  'session-hand-rolled': {
    message: '`{name}` (line {line}) is a hand-rolled session map; move to express-session with connect-redis, or to signed tokens (no server-side state)',
    todo: '`{name}` keeps sessions in this process: use express-session with a RedisStore (connect-redis) or signed tokens',
  },

  // cache-redis
  'cache-exported': { message: '{name}: exported, so other modules use it as a {label}; move them to SharedCache together by hand' },
  'cache-not-rewritable': { message: '{name}: {problem}' },
  'cache-provider-map': {
    message:
      "{className}.{field}: provider field holding a Map — move to SharedCache by hand: replace it with a SharedCache from the shared-cache adapter (e.g. new SharedCache('{cacheName}')) and await its get/set/has/delete in {className}'s methods",
  },

  // uploads-object-storage
  'upload-busboy-stream': {
    message: "busboy file stream piped into `{call}`: stores the upload on this instance's disk and is not rewritten",
    todo: 'upload the stream to object storage instead: `await putObject(key, stream)` from the s3 adapter (multipart upload, any size)',
  },
  'upload-stream-shape': {
    message: '`{call}` in a request handler is only rewritten in `await pipeline(req, {call}(file))`',
    todo: 'upload the stream to object storage instead: `await putObject(key, stream)` from the s3 adapter (multipart upload, any size)',
  },
  'upload-other-writer': {
    message:
      "`{call}` in a request handler changes this instance's disk and has no automatic object-storage rewrite: do it on the bucket (the `s3` client of the s3 adapter) or outside request handling",
  },
  'upload-directory-kept': {
    message: "`{call}` in a request handler creates a directory on this instance's disk: not removed, because other writes of this function still use the disk",
  },
  'upload-write-callback': { message: '`{call}` with a callback is not rewritten: store the data with `await putObject(key, data)` from the s3 adapter' },
  'upload-write-options': { message: '`{call}` with options other than a UTF-8 encoding (flag, mode, signal) has no object-storage equivalent: not rewritten' },
  'upload-write-sync': {
    message: '`{call}` in a synchronous function cannot wait for the upload to S3: not rewritten',
    todo: 'make this function async and store the data with `await putObject(key, data)` from the s3 adapter',
  },
  'multer-options-shared': {
    message: 'the multer options in `{name}` are also used elsewhere, so their `dest` is not replaced: give multer its own options with `storage: multerS3(…)`',
  },
  'multer-dest-and-storage': { message: 'multer has both `dest` and `storage`; only one of them is used, so it is not rewritten' },
  'multer-disk-storage-options': {
    message:
      'multer.diskStorage options other than an object literal of `destination` and `filename` are not rewritten: use `multerS3({ s3, bucket, key })` from multer-s3 with the s3 adapter',
  },
  'multer-filename': { message: 'the multer.diskStorage `filename` is not a function this codemod can reuse as the multer-s3 `key`' },
  'upload-field-destructured': {
    message: "destructures the upload's `{field}`, which multer-s3 does not set: read `key` (the object's key in the S3 bucket) instead",
    todo: 'multer-s3 stores the upload under `file.key` in the S3 bucket; `{field}` is gone',
  },
  'upload-field-missing': {
    message: "multer-s3 does not set the upload's `{field}`: the file is stored under `key` in the S3 bucket",
    todo: "use the upload's `key` (its object key in the S3 bucket) instead of `{field}`",
  },
  'upload-path-assigned': { message: "assigns the upload's `path`, which multer-s3 does not use: not rewritten" },
  'serve-old-upload-dir': {
    message: '`{call}` serves a file from the old upload directory, where uploads no longer go: not rewritten',
    todo: 'uploads are now objects in the S3 bucket: keep their `key` and send them with `void sendObject(res, key)` from the s3 adapter',
  },
  'serve-options': {
    message: '`{call}` with options or a callback has no `sendObject` equivalent: not rewritten',
    todo: 'send the stored object with `void sendObject(res, key)` from the s3 adapter',
  },
  'formidable-upload-dir': {
    message: "formidable `uploadDir` keeps uploads on this instance's disk and is not rewritten automatically",
    todo: "stream the uploads to object storage instead: formidable's `fileWriteStreamHandler` with `putObject(key, stream)` from the s3 adapter, or multer with multer-s3",
  },
  'sharp-to-file': {
    message: "`sharp(…).toFile` writes the image to this instance's disk and is not rewritten automatically",
    todo: 'produce the image with `.toBuffer()` and store it with `await putObject(key, buffer)` from the s3 adapter',
  },
  'cleanup-not-rewritten': {
    message: '`{call}` cleans a folder whose files are now in the S3 bucket, but this function is not rewritten: {problem}',
    todo: 'clean the folder on the bucket: listObjectNames(folder), statObject(file) and deleteObject(file) from the s3 adapter, or a lifecycle rule on its prefix',
  },

  // jobs-queue
  'job-api-unsupported': { message: '{api} at line {line}: {guidance}' },
  'job-decorator': { message: '{api} at line {line}: {guidance}', todo: '{guidance}' },
  'job-not-movable': { message: '{api} at line {line}: {problem}' },
  'job-file-runs-code': {
    message: '{api} at line {line}: {file} runs code when it is loaded (line {effectLine}: `{effect}`), and the worker loads it to run the job; move the timer into a module of its own first',
  },
  'job-exports-replaced': {
    message: '{api} at line {line}: module.exports is replaced by a single value, so the job cannot be exported beside it; export it by hand',
  },
  'job-cleans-local-disk': {
    message:
      "{api} at line {line}: the job lists or removes files on this instance's disk ({calls}): each instance cleans its own disk, and in a worker it would clean only the worker's. " +
      'Left in the web process. If these files are now in object storage, clean them on the bucket (a lifecycle rule on their prefix, or listObjectNames/deleteObject from the s3 adapter) and move the job then',
  },
  'job-timeout-loop': {
    message:
      'setTimeout at line {line}: it reschedules {name}(), a job loop inside the web process; turn the loop into a job by hand (defineJob() with { every } from the jobs adapter, and scheduleJob())',
  },

  // socketio-redis-adapter
  'ws-broadcast': {
    message: 'ws server `{name}` (line {line}) broadcasts to `{name}.clients` (line {broadcastLine}), the clients of this instance only: {guidance}',
    todo: "`{name}.clients` reaches this instance's clients only: {guidance}",
  },
  'realtime-registry': {
    message: "`{name}` (line {line}) tracks connections in this process's memory (changed at line {changeLine}): {guidance}",
    todo: '`{name}` is known to this instance only: {guidance}',
  },
  'socketio-adapter-unknown': {
    message: 'socket.io server at line {line} has no adapter the file shows ({why}); {guidance}',
    todo: 'give this socket.io server a shared adapter: {action}',
  },

  // rate-limit-redis
  'limiter-library': { message: '{library} at line {line} {what}; not rewritten: {guidance}', todo: '{library} {what}: {guidance}' },
  'limiter-hand-rolled': { message: '`{name}` (line {line}) {what} (changed at line {changeLine}): {guidance}', todo: '`{name}` {what}: {guidance}' },
  'limiter-memory-store': {
    message: "express-rate-limit MemoryStore at line {line} is not a limiter's `store` option here; {guidance}",
    todo: 'this MemoryStore counts in this process only: {guidance}',
  },
  'limiter-options-elsewhere': {
    message: 'rate limiter at line {line}: its options are not all in this file ({why}); give it `store: new RedisStore({ prefix, sendCommand })` from rate-limit-redis by hand',
    todo: 'give this limiter a shared store: `store: new RedisStore({ prefix, sendCommand })` from rate-limit-redis, with a prefix no other limiter uses',
  },
  'flexible-options-elsewhere': {
    message: 'RateLimiterMemory at line {line}: its options are not all in this file ({why}); use `new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix, … })` by hand',
    todo: 'count in Redis: `new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix, … })` from rate-limiter-flexible',
  },
} as const satisfies Record<string, SkipReason>;

export type SkipReasonId = keyof typeof reasons;

/** The one table of skip reasons. */
export const skipReasons: Readonly<Record<SkipReasonId, SkipReason>> = reasons;
