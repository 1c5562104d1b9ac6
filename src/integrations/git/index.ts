export { basicAuthValue } from './git-env.js';
export { gitFor, type GitForOptions, type SimpleGit } from './git-for.js';
export { runGit, type GitResult, type RunGitOptions } from './run-git.js';
export { gitOutput } from './git-output.js';
export { spawnGit } from './spawn-git.js';
