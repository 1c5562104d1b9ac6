import { z } from 'zod';

/** The `run_id` every run tool takes. */
export const runIdInput = z.uuid('run_id must be a run id (a UUID)').describe('The run’s id (a UUID)');
