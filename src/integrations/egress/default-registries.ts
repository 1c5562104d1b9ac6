/**
 * Package registries every sandboxed command may reach through the egress proxy: npm (and Yarn's mirror of it),
 * PyPI, crates.io, the Go module proxy and checksum database, Maven Central and RubyGems. An operator adds hosts
 * with PIPELINE_EGRESS_ALLOW, a repository with `network.allow` in `.github/pipeline.yml`.
 */
export const DEFAULT_EGRESS_ALLOW: readonly string[] = [
  'registry.npmjs.org',
  'registry.yarnpkg.com',
  'pypi.org',
  'files.pythonhosted.org',
  'crates.io',
  'static.crates.io',
  'index.crates.io',
  'proxy.golang.org',
  'sum.golang.org',
  'repo.maven.apache.org',
  'repo1.maven.org',
  'rubygems.org',
  'index.rubygems.org',
];
