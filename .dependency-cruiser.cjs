/**
 * Architecture rules. The layout is hexagonal:
 * - src/domain: the model, pure;
 * - src/application: use cases, reaching the outside only through the ports in src/application/ports;
 * - src/infrastructure/<adapter>: driven adapters (SQL, memory, search engine, notice channels, tokens, system clock),
 *   each implementing ports and knowing no other adapter;
 * - src/interfaces/<adapter>: driving adapters (HTTP, SIP2, command line, desk), each calling the library's API;
 * - src/composition and src/Library.ts: the wiring that puts adapters behind ports.
 */

/** Driven adapters: one folder each under src/infrastructure. */
const DRIVEN = ['memory', 'sql', 'search', 'marc', 'notify', 'tokens', 'system'];

/** Driving adapters: one folder each under src/interfaces, with what each may reach besides the library's API. */
const DRIVING = {
  http: { mayUse: [] },
  sip2: { mayUse: [] },
  desk: { mayUse: ['^src/infrastructure/system/'] },
  // The command line is a process entry point: it composes stores and starts servers.
  cli: { mayUse: ['^src/infrastructure/', '^src/interfaces/http/', '^src/interfaces/sip2/', '^src/interfaces/desk/', '^src/composition/'] },
};

const drivenRules = DRIVEN.map((adapter) => ({
  name: `infrastructure-${adapter}-alone`,
  comment: `src/infrastructure/${adapter} implements ports: it imports the domain and application ports, never another adapter, the wiring or a driving adapter.`,
  severity: 'error',
  from: { path: `^src/infrastructure/${adapter}/` },
  to: {
    path: ['^src/infrastructure/', '^src/interfaces/', '^src/composition/', '^src/Library\\.ts$', '^src/index\\.ts$'],
    pathNot: [`^src/infrastructure/${adapter}/`],
  },
}));

const drivingRules = Object.entries(DRIVING).map(([adapter, { mayUse }]) => ({
  name: `interfaces-${adapter}-through-the-library`,
  comment: `src/interfaces/${adapter} drives the library through its API; it does not reach into adapters or other interfaces${
    mayUse.length > 0 ? ` (allowed: ${mayUse.join(', ')})` : ''
  }.`,
  severity: 'error',
  from: { path: `^src/interfaces/${adapter}/` },
  to: {
    path: ['^src/infrastructure/', '^src/interfaces/', '^src/composition/'],
    pathNot: [`^src/interfaces/${adapter}/`, ...mayUse],
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds the model: no infrastructure, no application services, no DI container, no I/O.',
      severity: 'error',
      from: { path: '^src/domain' },
      to: {
        path: [
          '^src/infrastructure',
          '^src/application',
          '^src/interfaces',
          '^src/composition',
          'node_modules/(inversify|reflect-metadata|pg|@electric-sql|eventemitter3|mitt|nodemailer|fastify|jose)',
        ],
      },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|node:fs|node:net|node:http|node:https|node:child_process)$' },
    },
    {
      name: 'application-not-infrastructure',
      comment: 'Application services depend on ports, not on adapters, the wiring or the interfaces.',
      severity: 'error',
      from: { path: '^src/application' },
      to: { path: ['^src/infrastructure', '^src/interfaces', '^src/composition', 'node_modules/(pg|@electric-sql|nodemailer|fastify)'] },
    },
    {
      name: 'infrastructure-through-ports',
      comment: 'A driven adapter sees the application only through its ports (and the store error it raises).',
      severity: 'error',
      from: { path: '^src/infrastructure/' },
      to: { path: '^src/application/', pathNot: ['^src/application/ports/', '^src/application/StoreError\\.ts$'] },
    },
    {
      name: 'interfaces-used-only-by-entry-points',
      comment: 'Nothing inside the engine depends on a driving adapter; only the package entry re-exports the desk.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/interfaces/', '^src/index\\.ts$'] },
      to: { path: '^src/interfaces/' },
    },
    ...drivenRules,
    ...drivingRules,
    {
      name: 'cli-loads-a-command-only-to-run-it',
      comment:
        'The command line reaches its command modules only by dynamic import, and what it loads before knowing the command ' +
        '(main, program, CliContext, CommandModule, version, ConfigError) imports nothing of the engine: `shelfmark --help` stays instant.',
      severity: 'error',
      from: { path: '^src/interfaces/cli/(main|program|CliContext|CommandModule|version)\\.ts$' },
      to: {
        dynamic: false,
        dependencyTypesNot: ['type-only'],
        pathNot: [
          '^src/interfaces/cli/(program|CliContext|CommandModule|version)\\.ts$',
          '^src/composition/config/ConfigError\\.ts$',
          '^src/domain/shared/ShelfmarkError\\.ts$',
          'node_modules/commander/',
          '^(node:)?fs$',
        ],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
