/**
 * Exact versions of the packages rewritten code depends on: versions tested together (the round-trip
 * tests run them against a real Redis and S3 server), written to the user's package.json by `migrate`.
 */
export const dependencyVersions: Record<string, string> = {
  redis: '6.3.1',
  'connect-redis': '9.0.0',
  '@aws-sdk/client-s3': '3.1169.0',
  '@aws-sdk/lib-storage': '3.1169.0',
  'multer-s3': '3.0.1',
  '@types/multer-s3': '3.0.3',
  bullmq: '6.7.0',
  '@socket.io/redis-adapter': '8.3.0',
  'rate-limit-redis': '6.0.1',
  'rate-limiter-flexible': '11.4.0',
};

/** The version to add for a package; throws for a package the codemods never add (a bug in a codemod). */
export function versionOf(name: string): string {
  const version = dependencyVersions[name];
  if (version === undefined) throw new Error(`No tested version of ${name} is known to the codemods.`);
  return version;
}
