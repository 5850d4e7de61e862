// The page's side of the reason worker: the job client of web/lib/jobs.ts over the reason
// protocol. One job of each kind at a time; cancelling ends the worker.
import { JobClient, type JobOutcome as Outcome, type JobWorker } from '../../lib/jobs';
import type { JobKind, JobResults, ReasonJob } from './protocol';

export type WorkerLike = JobWorker<ReasonJob, JobResults[JobKind]>;

export type JobOutcome<K extends JobKind> = Outcome<JobResults[K]>;

export class ReasonClient extends JobClient<ReasonJob, JobResults> {}
