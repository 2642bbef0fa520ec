// The fault and scale-out suites (`npm run test:distributed`): the distributed project's jest
// settings, but only faults/*.test.ts, one file at a time (they start processes and a broker).
const { projects } = require('../../../jest.config.js');
const distributed = projects.find((project) => project.displayName === 'distributed');

module.exports = {
  ...distributed,
  displayName: 'faults',
  testMatch: ['<rootDir>/faults/**/*.test.ts'],
  testTimeout: 600000,
  // The suites stop every process and broker they start; undici's idle keep-alive sockets to
  // them are all that is left.
  forceExit: true,
};
