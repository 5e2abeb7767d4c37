// The fragment rules every SQL builder relies on (src/sql/fragment.ts, src/sql/statement.ts): a value is a
// parameter wherever it is placed, one parameter however often, and text only ever comes from the code.
import { compileStatement, sql, textLiteral } from '../../src/sql/fragment.ts';
import { SqlStatement, visibleEntity } from '../../src/sql/statement.ts';

test('a bound value is a parameter, and one parameter wherever it is placed', () => {
  const statement = new SqlStatement(false);
  const slug = statement.bind("x' OR '1'='1", 'text');
  const other = statement.bind('y', 'text');
  const compiled = compileStatement(sql`SELECT 1 WHERE a = ${slug} OR b = ${other} OR c = ${slug}`);
  expect(compiled).toEqual({
    text: 'SELECT 1 WHERE a = $1::text OR b = $2::text OR c = $1::text',
    values: ["x' OR '1'='1", 'y'],
  });
});

test('parameters are numbered in the order of the text, not of binding', () => {
  const statement = new SqlStatement(false);
  const first = statement.bind(1, 'int');
  const second = statement.bind(2, 'int');
  expect(compileStatement(sql`${second} < ${first}`)).toEqual({ text: '$1::int < $2::int', values: [2, 1] });
});

test('a string placed in the sql tag is refused, not written into the text', () => {
  const input: unknown = '\'; DROP TABLE "Article"; --';
  // @ts-expect-error the tag takes fragments only: the type checker refuses a string
  expect(() => sql`SELECT ${input}`).toThrow(/Only SQL fragments/);
});

test('aliases are fresh per statement and the visibility rules compose them', () => {
  const reader = new SqlStatement(false);
  const e = reader.alias('e');
  expect(compileStatement(sql`${e}, ${reader.alias('e')}`).text).toBe('e1, e2');
  expect(compileStatement(visibleEntity(reader, e)).text).toContain(`va.status = 'PUBLISHED'`);
  expect(compileStatement(visibleEntity(new SqlStatement(true), e)).text).toBe('TRUE');
});

test('textLiteral doubles quotes, so its text stays one literal', () => {
  expect(compileStatement(sql`SELECT ${textLiteral(`{"it's":`)}`)).toEqual({ text: `SELECT '{"it''s":'`, values: [] });
});
