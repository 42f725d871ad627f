/**
 * Exact versions of the packages rewritten code depends on: versions tested together (the round-trip
 * tests run them against a real Redis and S3 server), written to the user's package.json by `migrate`.
 * The @aws-sdk/* ones depend on the project's Node (`awsSdkReleases`); these are the newest.
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

/**
 * AWS SDK releases by the oldest Node.js major each runs on without a warning, newest first; the @aws-sdk/*
 * packages of a row are one release. From client-s3 3.1041.0 (@aws-sdk/core 3.974.8, May 2026) every client
 * prints a NodeVersionSupportWarning at each start on Node < 22 (AWS ends Node 20 support in January 2027).
 * The clients depend on @aws-sdk/core with a caret range, which a fresh install resolves to the newest core,
 * so the Node 20 row pins @aws-sdk/core as well: npm then uses the app's own copy for the clients.
 */
export const awsSdkReleases: readonly { node: number; versions: Readonly<Record<string, string>> }[] = [
  { node: 22, versions: { '@aws-sdk/client-s3': '3.1169.0', '@aws-sdk/lib-storage': '3.1169.0' } },
  { node: 20, versions: { '@aws-sdk/client-s3': '3.1040.0', '@aws-sdk/lib-storage': '3.1040.0', '@aws-sdk/core': '3.974.7' } },
];

function awsSdkReleaseFor(nodeMajor: number): (typeof awsSdkReleases)[number] {
  return awsSdkReleases.find((release) => release.node <= nodeMajor) ?? awsSdkReleases[awsSdkReleases.length - 1]!;
}

/** The versions to add to a project that runs on Node `nodeMajor` (on a Node older than every row, the oldest row's). */
export function versionsForNode(nodeMajor: number): Record<string, string> {
  return { ...dependencyVersions, ...awsSdkReleaseFor(nodeMajor).versions };
}

/** Packages to add along with `names` on Node `nodeMajor` though no code imports them: a pinned @aws-sdk/core. */
export function pinnedAlong(names: Iterable<string>, nodeMajor: number): string[] {
  const release = Object.keys(awsSdkReleaseFor(nodeMajor).versions);
  const added = [...names];
  if (!added.some((name) => release.includes(name))) return [];
  return release.filter((name) => !(name in dependencyVersions) && !added.includes(name));
}

/** The version to add for a package; throws for a package the codemods never add (a bug in a codemod). */
export function versionOf(name: string): string {
  const version = dependencyVersions[name];
  if (version === undefined) throw new Error(`No tested version of ${name} is known to the codemods.`);
  return version;
}
