// Une dernière ligne « N passed, N failed » que tout lecteur de journal de CI sait compter.
import type { Reporter, TestModule } from 'vitest/node';

export default class RapporteurFinal implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const compte = { passed: 0, failed: 0, skipped: 0 };
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const etat = test.result().state;
        if (etat === 'passed') compte.passed += 1;
        else if (etat === 'failed') compte.failed += 1;
        else compte.skipped += 1;
      }
    }
    process.stdout.write(`\n${compte.passed} passed, ${compte.failed} failed${compte.skipped ? `, ${compte.skipped} skipped` : ''}\n`);
  }
}
