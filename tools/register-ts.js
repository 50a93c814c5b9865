// Runs the TypeScript sources directly (SWC, with decorator metadata and the tsconfig path
// aliases), so services, migrations and the demo need no separate build step.
process.env.SWC_NODE_PROJECT =
  process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
