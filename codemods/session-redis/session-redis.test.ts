import { describeCodemodFixtures } from '../../src/test-support/codemod-fixtures.js';
import { sessionRedis } from './index.js';

describeCodemodFixtures(sessionRedis);
