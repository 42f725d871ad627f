// Calls whose target is chosen at run time: through a value typed by an interface or an abstract class (every
// audited implementation), and through values picked by a conditional, `||`/`??`, a factory or an assignment in a
// constructor or an init function (every candidate). A service calling a storage driver that writes local disk is
// the shape real services have.
import { describe, expect, it } from 'vitest';
import { tempProject } from '../test-support/temp-project.js';
import { audit } from './audit.js';

const findings = async (dir: string) => (await audit({ paths: [dir] })).findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.category}`);
const chains = async (dir: string) => (await audit({ paths: [dir] })).findings.map((f) => f.evidence.map((step) => `${step.file}:${step.line} ${step.note}`));

/** An Express route posting to `/files` that calls `files.upload(name, body)` of the service in src/files.service.ts. */
const server = `import express from 'express';
import { FilesService } from './files.service.js';
const files = new FilesService();
const app = express();
app.post('/files', async (req, res) => {
  await files.upload(String(req.query.name), req.body);
  res.sendStatus(201);
});
app.listen(3000);
`;

const driverInterface = `export interface StorageDriver {
  upload(name: string, body: Buffer): Promise<void>;
}
`;
const localDriver = `import fs from 'node:fs';
import type { StorageDriver } from './storage-driver.js';
export class LocalDriver implements StorageDriver {
  async upload(name: string, body: Buffer) {
    await fs.promises.writeFile(\`data/\${name}\`, body);
  }
}
`;
const s3Driver = `import type { StorageDriver } from './storage-driver.js';
export class S3Driver implements StorageDriver {
  async upload(name: string, body: Buffer) {
    await fetch(\`https://bucket.example/\${name}\`, { method: 'PUT', body });
  }
}
`;
/** The drivers by the name a setting gives, for a container to create: what makes each class one the program uses. */
const driverRegistry = `import { LocalDriver } from './local.driver.js';\nimport { S3Driver } from './s3.driver.js';\nexport const driverClasses = { local: LocalDriver, s3: S3Driver };\n`;

describe('calls through interfaces and abstract classes (class-hierarchy analysis)', () => {
  it('reaches every audited class implementing the interface a constructor parameter property is typed by, and names the hop', async () => {
    const dir = tempProject({
      'src/server.ts': server,
      'src/files.service.ts': `import type { StorageDriver } from './drivers/index.js';\nimport { pickDriver } from './drivers/pick.js';\nexport class FilesService {\n  constructor(private readonly driver: StorageDriver = pickDriver()) {}\n  async upload(name: string, body: Buffer) {\n    await this.driver.upload(name, body);\n  }\n}\n`,
      'src/drivers/pick.ts': `import type { StorageDriver } from './storage-driver.js';\nexport declare function pickDriver(): StorageDriver;\n`,
      'src/drivers/index.ts': `export * from './storage-driver.js';\n`,
      'src/drivers/storage-driver.ts': driverInterface,
      'src/drivers/local.driver.ts': localDriver,
      'src/drivers/s3.driver.ts': s3Driver,
      'src/drivers/registry.ts': driverRegistry,
    });
    expect(await findings(dir)).toEqual(['src/drivers/local.driver.ts:5 no-local-file-write files']);
    expect(await chains(dir)).toEqual([
      [
        'src/server.ts:5 POST /files handler',
        'src/server.ts:6 calls upload()',
        'src/files.service.ts:6 calls StorageDriver.upload() → LocalDriver.upload(), one of 2 implementations',
        'src/drivers/local.driver.ts:5 fs.promises.writeFile() writes to the local disk',
      ],
    ]);
  });

  it('reaches implementations through an interface extending another, a field, a parameter and a typed variable', async () => {
    const dir = tempProject({
      'src/server.ts': server,
      'src/files.service.ts': `import type { FileStore } from './drivers/file-store.js';\nimport { registry } from './registry.js';\nexport class FilesService {\n  private store: FileStore = registry.store;\n  async upload(name: string, body: Buffer) {\n    await this.store.upload(name, body);\n    await save(this.store, name);\n  }\n}\nasync function save(store: FileStore, name: string) {\n  const again: FileStore = store;\n  await again.upload(name + '.bak', Buffer.alloc(0));\n}\n`,
      'src/registry.ts': `export const registry: any = {};\n`,
      'src/drivers/storage-driver.ts': driverInterface,
      'src/drivers/file-store.ts': `import type { StorageDriver } from './storage-driver.js';\nexport interface FileStore extends StorageDriver {}\n`,
      'src/drivers/local.driver.ts': localDriver.replace("import type { StorageDriver } from './storage-driver.js';", "import type { FileStore as StorageDriver } from './file-store.js';"),
      'src/drivers/s3.driver.ts': s3Driver,
      'src/drivers/registry.ts': driverRegistry,
    });
    expect(await findings(dir)).toEqual(['src/drivers/local.driver.ts:5 no-local-file-write files']);
  });

  it('reaches the subclasses of an abstract class: a typed value and `this` in the base both dispatch to the override', async () => {
    const dir = tempProject({
      'src/server.ts': `import express from 'express';\nimport { storage } from './storage/index.js';\nconst app = express();\napp.post('/import', async (req, res) => {\n  await storage.storeFromUrl(String(req.query.url));\n  res.sendStatus(201);\n});\napp.listen(3000);\n`,
      'src/storage/index.ts': `import { BaseStorage } from './base.js';\nexport declare const storage: BaseStorage;\n`,
      'src/storage/base.ts': `export abstract class BaseStorage {\n  abstract store(key: string, body: string): Promise<void>;\n  async storeFromUrl(url: string) {\n    const body = await (await fetch(url)).text();\n    await this.store(url, body);\n  }\n}\n`,
      'src/storage/local.ts': `import fs from 'node:fs/promises';\nimport { BaseStorage } from './base.js';\nexport class LocalStorage extends BaseStorage {\n  store = async (key: string, body: string) => {\n    await fs.writeFile(key, body);\n  };\n}\n`,
      'src/storage/create.ts': `import { LocalStorage } from './local.js';\nexport const createStorage = () => new LocalStorage();\n`,
    });
    expect(await findings(dir)).toEqual(['src/storage/local.ts:5 no-local-file-write files']);
    expect((await chains(dir))[0]).toEqual([
      'src/server.ts:4 POST /import handler',
      'src/server.ts:5 calls storeFromUrl()',
      'src/storage/base.ts:5 calls BaseStorage.store() → LocalStorage.store()',
      'src/storage/local.ts:5 fs.writeFile() writes to the local disk',
    ]);
  });

  it('does not reach a class that only has a method of the same name, a subclass of a concrete class, or an implementation no handler calls', async () => {
    const dir = tempProject({
      'src/server.ts': server,
      'src/files.service.ts': `import type { StorageDriver } from './drivers/storage-driver.js';\nimport { Uploader } from './drivers/uploader.js';\nexport class FilesService {\n  constructor(private readonly driver: StorageDriver, private readonly uploader: Uploader) {}\n  async upload(name: string, body: Buffer) {\n    await this.driver.upload(name, body);\n    await this.uploader.upload(name, body);\n  }\n}\n`,
      'src/drivers/storage-driver.ts': driverInterface,
      'src/drivers/s3.driver.ts': s3Driver,
      // Not declared to implement StorageDriver: the same method name is not enough.
      'src/drivers/lookalike.ts': `import fs from 'node:fs';\nexport class Lookalike {\n  upload(name: string, body: Buffer) {\n    fs.writeFileSync(name, body);\n  }\n}\n`,
      // A concrete class is what its type says: its subclasses are not spread into.
      'src/drivers/uploader.ts': `export class Uploader {\n  async upload(name: string, body: Buffer) {}\n}\n`,
      'src/drivers/disk-uploader.ts': `import fs from 'node:fs';\nimport { Uploader } from './uploader.js';\nexport class DiskUploader extends Uploader {\n  async upload(name: string, body: Buffer) {\n    fs.writeFileSync(name, body);\n  }\n}\n`,
      // Implements the interface, but only its backup method writes, and nothing calls that from a request.
      'src/drivers/backup.driver.ts': `import fs from 'node:fs';\nimport type { StorageDriver } from './storage-driver.js';\nexport class BackupDriver implements StorageDriver {\n  async upload(name: string, body: Buffer) {}\n  backup() {\n    fs.writeFileSync('backup.tar', '');\n  }\n}\n`,
      'src/drivers/registry.ts': `import { S3Driver } from './s3.driver.js';\nimport { BackupDriver } from './backup.driver.js';\nexport const driverClasses = [S3Driver, BackupDriver];\n`,
    });
    expect(await findings(dir)).toEqual([]);
  });

  it('does not reach an implementation nothing creates, imports or registers (only its type is used, or nothing at all)', async () => {
    const dir = tempProject({
      'src/server.ts': server,
      'src/files.service.ts': `import type { StorageDriver } from './drivers/storage-driver.js';\nimport type { LocalDriver } from './drivers/local.driver.js';\nexport class FilesService {\n  constructor(private readonly driver: StorageDriver, private readonly local?: LocalDriver) {}\n  async upload(name: string, body: Buffer) {\n    await this.driver.upload(name, body);\n  }\n}\n`,
      'src/drivers/storage-driver.ts': driverInterface,
      'src/drivers/local.driver.ts': localDriver,
      'src/drivers/s3.driver.ts': s3Driver,
      'src/drivers/disk.driver.ts': localDriver.replace('LocalDriver', 'DiskDriver'),
      'src/drivers/default.ts': `import { S3Driver } from './s3.driver.js';\nexport const defaultDriver = new S3Driver();\n`,
    });
    expect(await findings(dir)).toEqual([]);
  });
});

describe('values chosen at run time', () => {
  it('follows a default export chosen by a conditional between two storages (TypeScript)', async () => {
    const dir = tempProject({
      'src/server.ts': `import express from 'express';\nimport FileStorage from './storage/index.js';\nconst app = express();\napp.post('/files', async (req, res) => {\n  await FileStorage.store(String(req.query.key), req.body);\n  res.sendStatus(201);\n});\napp.listen(3000);\n`,
      'src/storage/index.ts': `import type BaseStorage from './base.js';\nimport LocalStorage from './local.js';\nimport S3Storage from './s3.js';\nconst storage: BaseStorage = process.env.FILE_STORAGE === 'local' ? new LocalStorage() : new S3Storage();\nexport default storage;\n`,
      'src/storage/base.ts': `export default abstract class BaseStorage {\n  abstract store(key: string, body: string): Promise<void>;\n}\n`,
      'src/storage/local.ts': `import fs from 'node:fs';\nimport BaseStorage from './base.js';\nexport default class LocalStorage extends BaseStorage {\n  async store(key: string, body: string) {\n    fs.writeFileSync(key, body);\n  }\n}\n`,
      'src/storage/s3.ts': `import BaseStorage from './base.js';\nexport default class S3Storage extends BaseStorage {\n  async store(key: string, body: string) {}\n}\n`,
    });
    expect(await findings(dir)).toEqual(['src/storage/local.ts:5 no-local-file-write files']);
    expect((await chains(dir))[0]).toEqual([
      'src/server.ts:4 POST /files handler',
      'src/server.ts:5 calls LocalStorage.store(), one of 2 candidates chosen at run time',
      'src/storage/local.ts:5 fs.writeFileSync() writes to the local disk',
    ]);
  });

  it('follows module.exports chosen by a conditional, `||` and `??` (CommonJS)', async () => {
    for (const choice of [`process.env.S3 ? new S3Storage() : new LocalStorage()`, `(process.env.S3 && new S3Storage()) || new LocalStorage()`, `global.customStorage ?? new LocalStorage()`]) {
      const dir = tempProject({
        'src/server.js': `const express = require('express');\nconst storage = require('./storage');\nconst app = express();\napp.post('/files', (req, res) => {\n  storage.store(String(req.query.key), req.body);\n  res.sendStatus(201);\n});\napp.listen(3000);\n`,
        'src/storage/index.js': `const LocalStorage = require('./local');\nconst S3Storage = require('./s3');\nmodule.exports = ${choice};\n`,
        'src/storage/local.js': `const fs = require('fs');\nclass LocalStorage {\n  store(key, body) {\n    fs.writeFileSync(key, body);\n  }\n}\nmodule.exports = LocalStorage;\n`,
        'src/storage/s3.js': `module.exports = class S3Storage {\n  store(key, body) {}\n};\n`,
      });
      expect(await findings(dir), choice).toEqual(['src/storage/local.js:4 no-local-file-write files']);
    }
  });

  it('follows a field the constructor fills from a factory that switches between drivers (TypeScript)', async () => {
    const dir = tempProject({
      'src/server.ts': server,
      'src/files.service.ts': `import type { StorageDriver } from './drivers/storage-driver.js';\nimport { createDriver } from './drivers/create.js';\nexport class FilesService {\n  private readonly driver: StorageDriver;\n  constructor() {\n    this.driver = createDriver(process.env.STORAGE ?? 'local');\n  }\n  async upload(name: string, body: Buffer) {\n    await this.driver.upload(name, body);\n  }\n}\n`,
      'src/drivers/create.ts': `import type { StorageDriver } from './storage-driver.js';\nimport { LocalDriver } from './local.driver.js';\nimport { S3Driver } from './s3.driver.js';\nexport function createDriver(kind: string): StorageDriver {\n  switch (kind) {\n    case 'local':\n      return new LocalDriver();\n    case 's3':\n      return new S3Driver();\n    default:\n      throw new Error(kind);\n  }\n}\n`,
      'src/drivers/storage-driver.ts': driverInterface,
      'src/drivers/local.driver.ts': localDriver,
      'src/drivers/s3.driver.ts': s3Driver,
    });
    expect(await findings(dir)).toEqual(['src/drivers/local.driver.ts:5 no-local-file-write files']);
    expect((await chains(dir))[0]).toEqual([
      'src/server.ts:5 POST /files handler',
      'src/server.ts:6 calls upload()',
      'src/files.service.ts:9 calls LocalDriver.upload(), one of 2 candidates chosen at run time',
      'src/drivers/local.driver.ts:5 fs.promises.writeFile() writes to the local disk',
    ]);
  });

  it('follows what the constructor assigns, not every implementation: a field typed by an interface but given an S3 driver reaches no disk write', async () => {
    const dir = tempProject({
      'src/server.ts': server,
      'src/files.service.ts': `import type { StorageDriver } from './drivers/storage-driver.js';\nimport { S3Driver } from './drivers/s3.driver.js';\nexport class FilesService {\n  private readonly driver: StorageDriver;\n  constructor() {\n    this.driver = new S3Driver();\n  }\n  async upload(name: string, body: Buffer) {\n    await this.driver.upload(name, body);\n  }\n}\n`,
      'src/drivers/storage-driver.ts': driverInterface,
      'src/drivers/local.driver.ts': localDriver,
      'src/drivers/s3.driver.ts': s3Driver,
    });
    expect(await findings(dir)).toEqual([]);
  });

  it('follows a module variable an init function assigns from a selector, and a JavaScript field set in the constructor (CommonJS)', async () => {
    const dir = tempProject({
      'src/server.js': `const express = require('express');\nconst storage = require('./storage');\nconst Settings = require('./settings');\nconst settings = new Settings();\nstorage.init({});\nconst app = express();\napp.post('/flows', (req, res) => {\n  storage.saveFlows(req.body).then(() => res.sendStatus(204));\n});\napp.put('/settings', (req, res) => {\n  settings.save(req.body);\n  res.sendStatus(204);\n});\napp.listen(3000);\n`,
      'src/storage/index.js': `var storageModule;\nfunction moduleSelector(settings) {\n  if (settings.storageModule) {\n    return settings.storageModule;\n  }\n  return require('./localfilesystem');\n}\nmodule.exports = {\n  init: function (settings) {\n    storageModule = moduleSelector(settings);\n  },\n  saveFlows: function (flows) {\n    return storageModule.saveFlows(flows);\n  },\n};\n`,
      'src/storage/localfilesystem.js': `const fs = require('fs');\nmodule.exports = {\n  saveFlows: async function (flows) {\n    fs.writeFileSync('flows.json', JSON.stringify(flows));\n  },\n};\n`,
      'src/settings.js': `const writer = require('./writer');\nclass Settings {\n  constructor() {\n    this.backend = writer.create();\n  }\n  save(values) {\n    this.backend.write(values);\n  }\n}\nmodule.exports = Settings;\n`,
      'src/writer.js': `const fs = require('fs');\nclass FileWriter {\n  write(values) {\n    fs.appendFileSync('settings.json', JSON.stringify(values));\n  }\n}\nmodule.exports = { create: () => new FileWriter() };\n`,
    });
    expect(await findings(dir)).toEqual(['src/storage/localfilesystem.js:4 no-local-file-write files', 'src/writer.js:4 no-local-file-write files']);
  });

  it('reaches no write when the conditional, factory or assignment picks only storages that do not write (CommonJS and TypeScript)', async () => {
    const cjs = tempProject({
      'src/server.js': `const express = require('express');\nconst storage = require('./storage');\nexpress().post('/files', (req, res) => {\n  storage.store(String(req.query.key), req.body);\n  res.sendStatus(201);\n}).listen(3000);\n`,
      'src/storage/index.js': `const S3Storage = require('./s3');\nconst MemoryStorage = require('./memory');\nmodule.exports = process.env.S3 ? new S3Storage() : new MemoryStorage();\n`,
      'src/storage/local.js': `const fs = require('fs');\nmodule.exports = class LocalStorage {\n  store(key, body) {\n    fs.writeFileSync(key, body);\n  }\n};\n`,
      'src/storage/s3.js': `module.exports = class S3Storage {\n  store(key, body) {}\n};\n`,
      'src/storage/memory.js': `module.exports = class MemoryStorage {\n  store(key, body) {}\n};\n`,
    });
    expect(await findings(cjs)).toEqual([]);
    const ts = tempProject({
      'src/server.ts': server,
      'src/files.service.ts': `import type { StorageDriver } from './drivers/storage-driver.js';\nimport { S3Driver } from './drivers/s3.driver.js';\nfunction createDriver(): StorageDriver {\n  return new S3Driver();\n}\nexport class FilesService {\n  private driver = createDriver();\n  async upload(name: string, body: Buffer) {\n    await this.driver.upload(name, body);\n  }\n}\n`,
      'src/drivers/storage-driver.ts': driverInterface,
      'src/drivers/local.driver.ts': localDriver,
      'src/drivers/s3.driver.ts': s3Driver,
    });
    expect(await findings(ts)).toEqual([]);
  });
});
