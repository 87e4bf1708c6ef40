import { z } from "zod";

// Runs in the browser before any of the app's code (Next's instrumentation-client hook). zod 4
// probes whether it may compile parsers with `new Function`; under our CSP (no 'unsafe-eval')
// that probe is refused and reported as a violation on every page that validates a form. The
// interpreted parser is what runs anyway when eval is refused, so say so up front.
z.config({ jitless: true });
