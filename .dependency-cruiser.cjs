/** Architecture rules: the domain is pure; infrastructure is reached only through ports. */
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
          '^src/cli',
          '^src/http',
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
      comment: 'Application services depend on ports, not on adapters.',
      severity: 'error',
      from: { path: '^src/application' },
      to: { path: ['^src/infrastructure', 'node_modules/(pg|@electric-sql|nodemailer|fastify)'] },
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
