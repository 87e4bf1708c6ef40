import { inject } from "vitest";

// Runs in each worker before the test files: the environment chosen by global-setup.ts.
Object.assign(process.env, inject("testEnv"));
