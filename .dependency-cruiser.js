/**
 * The one-way rules of STYLE.md: apps → domain libraries → core, never back; domains use each
 * other only through `@app/<name>` (their index.ts); no cycles anywhere.
 * Layers: core < members, notifications, search < discussions, roundtables < moderation, archive.
 */
const LAYER = {
  core: 0,
  members: 1,
  notifications: 1,
  search: 1,
  discussions: 2,
  roundtables: 2,
  moderation: 3,
  archive: 3,
};
const libs = Object.keys(LAYER);
const below = (lib) => libs.filter((other) => LAYER[other] < LAYER[lib]);
const notBelowOrSelf = (lib) =>
  libs.filter((other) => other !== lib && !below(lib).includes(other));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles make code hard to change; use typed events instead (STYLE.md rule 2).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    ...libs.map((lib) => ({
      name: `${lib}-only-downwards`,
      severity: 'error',
      comment: `${lib} may use only libraries beneath it in STYLE.md's domain map.`,
      from: { path: `^libs/${lib}/` },
      to: { path: `^libs/(${notBelowOrSelf(lib).join('|') || 'none'})/` },
    })),
    {
      name: 'only-through-index',
      severity: 'error',
      comment: 'Another library is used through its index.ts (`@app/<name>`), never its files.',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
