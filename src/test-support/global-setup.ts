/** Once before all test files: the programs of the real services the tests start (see provision-services.ts). */
import { provisionRedis } from './provision-services.js';

export default function setup(): void {
  provisionRedis();
}
