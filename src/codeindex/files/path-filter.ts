/** Why a file is left out of the index, or undefined when it is indexed. */
export type SkipReason = 'vendored' | 'generated' | 'binary' | 'too-large' | 'lockfile';

const VENDORED_DIRS =
  /(^|\/)(node_modules|vendor|vendored|third[_-]party|bower_components|\.yarn|\.pnpm-store|Pods|dist|coverage|\.next|\.nuxt|__pycache__|\.venv|venv|site-packages)\//;
const LOCKFILES =
  /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|go\.sum|poetry\.lock|Pipfile\.lock|composer\.lock|Gemfile\.lock|bun\.lockb?)$/;
const GENERATED_NAMES =
  /(\.min\.(js|css)|\.bundle\.js|\.map|\.pb\.go|_pb2\.py|\.generated\.\w+|\.g\.dart|\.snap)$/i;
const BINARY_EXTENSIONS =
  /\.(png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|bin|wasm|o|a|woff2?|ttf|otf|eot|mp3|mp4|mov|avi|webm|ogg|wav|flac|psd|sqlite|db|pyc|node)$/i;

/** Decides from the path and size alone whether a tracked file is worth reading. */
export function skipByPath(path: string, size: number, maxBytes: number): SkipReason | undefined {
  if (VENDORED_DIRS.test(path)) return 'vendored';
  if (LOCKFILES.test(path)) return 'lockfile';
  if (GENERATED_NAMES.test(path)) return 'generated';
  if (BINARY_EXTENSIONS.test(path)) return 'binary';
  if (size > maxBytes) return 'too-large';
  return undefined;
}
