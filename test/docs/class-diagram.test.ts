import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeModel, REPOSITORY_ROOT, type MemberFact } from '../fixtures/codeModel.js';
import { classDiagrams, type DrawnMember, type DrawnRelation } from '../fixtures/mermaidClasses.js';

const diagrams = classDiagrams(readFileSync(join(REPOSITORY_ROOT, 'docs/design-review/class-diagram.md'), 'utf8'));
const classes = diagrams.flatMap((diagram) => diagram.classes);
const relations = diagrams.flatMap((diagram) => diagram.relations);

/** What each mermaid arrow claims about the code, as a question the compiler answers. */
const ARROWS: Readonly<Record<string, { readonly claim: string; holds(code: CodeModel, from: ts.Symbol, to: ts.Symbol): boolean }>> = {
  '<|--': { claim: 'is extended by', holds: (code, from, to) => code.ancestorsOf(to).includes(from) },
  '<|..': { claim: 'is implemented by', holds: (code, from, to) => code.implementedBy(to).includes(from) },
  '*--': { claim: 'is composed of', holds: (code, from, to) => code.references(from, to) },
  'o--': { claim: 'holds', holds: (code, from, to) => code.references(from, to) },
  '-->': { claim: 'uses', holds: (code, from, to) => code.references(from, to) },
  '..>': { claim: 'depends on', holds: (code, from, to) => code.references(from, to) },
};

/** Every word of a drawn type (`Hold`, `DomainEvent[]`) appears in the code's type text (`Hold | null`, `readonly DomainEvent[]`). */
const namesType = (drawn: string | null, code: string): boolean =>
  drawn === null || [...drawn.matchAll(/\w+/g)].every(([word]) => new RegExp(`\\b${word}\\b`).test(code));

/**
 * A drawn member matches the code when the names agree and, for a method, some signature takes the parameters drawn,
 * in order (leaving out only optional ones) and returns the type drawn.
 */
function matches(member: DrawnMember, fact: MemberFact): boolean {
  if (!member.isMethod) return namesType(member.type, fact.type);
  return fact.signatures.some(
    (signature) =>
      member.parameters.length >= signature.required &&
      member.parameters.every((name, i) => signature.parameters[i] === name) &&
      member.parameters.length <= signature.parameters.length &&
      namesType(member.type, signature.returns),
  );
}

describe('docs/design-review/class-diagram.md', () => {
  let code: CodeModel;
  const declarationOf = (name: string): ts.Symbol => {
    const found = code.exportedAnywhere(name);
    if (found.length !== 1) throw new Error(`${name}: ${found.length === 0 ? 'no such export in src' : 'exported from more than one declaration'}`);
    return found[0]!;
  };

  beforeAll(() => {
    code = CodeModel.ofSource();
  }, 120_000);

  it('should draw one class diagram with classes and relations', () => {
    expect(diagrams).toHaveLength(1);
    expect(classes.length).toBeGreaterThan(0);
    expect(relations.length).toBeGreaterThan(0);
  });

  describe.each(classes)('class $name', (drawn) => {
    it('should be exported from src, as drawn (class, abstract class or interface)', () => {
      const symbol = declarationOf(drawn.name);
      const isInterface = Boolean(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) && !(symbol.flags & ts.SymbolFlags.Class);
      const isAbstract = (symbol.declarations ?? []).some((d) => ts.isClassDeclaration(d) && (ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Abstract) !== 0);
      const kind = isInterface ? 'interface' : isAbstract ? 'abstract' : null;
      expect(kind).toBe(drawn.stereotype);
      if (kind !== 'interface') expect(symbol.flags & ts.SymbolFlags.Class, `${drawn.name} is not a class`).not.toBe(0);
    });

    if (drawn.members.length > 0) it(`should have the members drawn (${drawn.members.map((m) => m.name).join(', ')})`, () => {
      const facts = code.membersOf(declarationOf(drawn.name));
      const wrong = drawn.members
        .filter((member) => !facts.some((fact) => fact.name === member.name && fact.isStatic === member.isStatic && matches(member, fact)))
        .map((member) => `${member.isStatic ? 'static ' : ''}${member.name}${member.isMethod ? `(${member.parameters.join(', ')})` : ''}${member.type ? ` ${member.type}` : ''}`);
      expect(wrong, `drawn on ${drawn.name} but not so in the code`).toEqual([]);
    });
  });

  describe.each(relations)('$from $arrow $to', (relation: DrawnRelation) => {
    const arrow = ARROWS[relation.arrow];

    it(`should hold in the code: ${relation.from} ${arrow?.claim ?? relation.arrow} ${relation.to}`, () => {
      expect(arrow, `unknown arrow ${relation.arrow}`).toBeDefined();
      expect(classes.map((c) => c.name)).toEqual(expect.arrayContaining([relation.from, relation.to]));
      expect(arrow?.holds(code, declarationOf(relation.from), declarationOf(relation.to))).toBe(true);
    });
  });
});
