/**
 * Set up for every test file of `npm test` (vitest.config.ts): node:fs/promises is the module
 * of test/helpers/fs-faults.ts, the real one until a test sets a fault. It is mocked here,
 * before any of the toolkit is loaded, because the files of a worker share its loaded modules;
 * a fault a failed test left set is cleared after each test.
 */
import { afterEach, vi } from 'vitest'
import { clearFaults } from './fs-faults.ts'

vi.mock('node:fs/promises', async (importOriginal) => (await import('./fs-faults.ts')).faultyFsPromises(await importOriginal()))

afterEach(clearFaults)
