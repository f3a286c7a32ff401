/**
 * The layering of docs/ARCHITECTURE.md, enforced: dependencies point inward, and no import cycles.
 * domain ← analytics, placement ← store, app ← http, jobs, cli, demo, interop; interop sees only
 * the domain, the pure analytics and the store port's types.
 */
const LAYERS_ABOVE_DOMAIN = '^src/(analytics|placement|store|app|http|jobs|cli|demo|interop)/';

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'Import cycles are forbidden.', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain imports nothing of ours outside it, no Node built-in and no package: it is pure.',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'analytics-and-placement-see-only-the-domain',
      severity: 'error',
      from: { path: '^src/(analytics|placement)/' },
      to: { path: LAYERS_ABOVE_DOMAIN, pathNot: '^src/$1/' },
    },
    {
      name: 'store-sees-only-the-domain',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(analytics|placement|app|http|jobs|cli|demo|interop)/' },
    },
    {
      name: 'app-uses-the-store-port-not-an-adapter',
      severity: 'error',
      comment: 'The application sees the store through its port; only the composition roots (cli, http, jobs) open a back end.',
      from: { path: '^src/app/' },
      to: { path: '^src/(store/(sqlite|postgres)/|store/open-store|http|jobs|cli|demo|interop)' },
    },
    {
      name: 'interop-sees-only-the-domain-and-the-store-port',
      severity: 'error',
      comment: 'Interchange formats (the record archive, XES) see the domain, the pure analytics and the store port, nothing else of ours: the application and the CLI hand them what they need.',
      from: { path: '^src/interop/' },
      to: { path: '^src/', pathNot: '^src/(interop|domain|analytics)/|^src/store/port\\.ts$' },
    },
    {
      name: 'interop-takes-only-types-from-the-store-port',
      severity: 'error',
      from: { path: '^src/interop/' },
      to: { path: '^src/store/port\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'demo-goes-through-the-application',
      severity: 'error',
      comment: 'The demo issues the same commands a user would: through app, never into the store.',
      from: { path: '^src/demo/' },
      to: { path: '^src/(store/(?!port|read-model)|http|jobs|cli)' },
    },
    {
      name: 'jobs-go-through-the-application',
      comment: 'The scheduler (src/jobs) acts through the application and sees the store through its port; only the CLI starts it.',
      severity: 'error',
      from: { path: '^src/jobs/' },
      to: { path: '^src/(store/(sqlite|postgres)/|store/open-store|http|cli|demo|interop)' },
    },
    {
      name: 'only-the-cli-starts-the-jobs',
      severity: 'error',
      from: { pathNot: '^src/(cli|jobs)/' },
      to: { path: '^src/jobs/' },
    },
    {
      name: 'nothing-imports-the-entry-points',
      severity: 'error',
      from: { pathNot: '^(src/(cli|http|jobs)|web)/' },
      to: { path: '^src/(cli|http|jobs)/' },
    },
    {
      name: 'tests-and-benches-are-not-imported-by-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'src-does-not-import-the-web-app',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
    {
      name: 'the-web-app-takes-only-the-api-schemas-types',
      severity: 'error',
      comment: 'The web app talks to the server over HTTP; from the server it takes only the types of the API schemas (erased at build).',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/http/routes/[a-z-]+\\.schemas\\.ts$' },
    },
    {
      name: 'the-web-app-imports-schemas-as-types-only',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js'] },
    exclude: { path: '\\.test\\.ts$' },
  },
};
