// The `gcm-review` entry point; bin/gcm-review.js runs its compiled copy. See program.ts.
import { run } from './program.ts';

await run(process.argv);
