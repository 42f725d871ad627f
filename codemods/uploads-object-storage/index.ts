/**
 * uploads-object-storage: files written by request handlers (multer `dest`/`diskStorage`, fs writes)
 * go to an S3 bucket instead of this instance's disk, and are sent back from there; cleanups of those folders
 * list and delete the objects instead.
 */
import type { Codemod } from '../kit/codemod.js';
import { projectFile } from '../kit/project-file.js';
import { jscodeshiftTransform } from '../kit/run.js';
import { migrateFolderCleanups } from './cleanup.js';
import { migrateFsWrites } from './fs-writes.js';
import { RequestHandlers } from './handlers.js';
import { migrateMulter } from './multer.js';
import { migrateServing } from './serving.js';
import { Migration } from './state.js';
import { flagUnsupported } from './unsupported.js';
import { migrateUploadPaths } from './upload-paths.js';

export const uploadsObjectStorage: Codemod = {
  id: 'uploads-object-storage',
  title: 'Uploads and generated files → S3 (multer-s3, putObject, sendObject)',
  transform(root, j, context, report) {
    const migration = new Migration(j, root, context);
    migration.recordExistingNeeds(report);
    // Next.js route files and API pages handle requests by where they are (src/semantics/routes.ts).
    const handlers = new RequestHandlers(j, root, projectFile(context.file));
    const multer = migrateMulter(migration);
    const written = migrateFsWrites(migration, handlers);
    const uploadKeys = multer.rewritten ? migrateUploadPaths(migration) : new Set<unknown>();
    migrateServing(migration, { written, uploadKeys, multer });
    migrateFolderCleanups(migration);
    flagUnsupported(migration, handlers);
    migration.finish(report);
  },
};

export default jscodeshiftTransform(uploadsObjectStorage);
