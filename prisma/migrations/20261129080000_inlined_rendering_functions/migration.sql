-- Written by hand: the response-rendering functions of 20261128180000_response_rendering, made inlinable. PostgreSQL
-- inlines a SQL function into the calling statement only when its body is one expression without FROM and, for a
-- STRICT function, only when that expression is strict too (CASE, AND and OR are not). Neither function was inlined:
-- each call ran as a function call of its own, about 15 µs a row, a third of the article page's database time (0.4
-- of 1.2 ms). Without STRICT they give the same answers (NULL in, NULL out) and are inlined.

-- The whole conversion (exponents, NaN, the infinities, -0) keeps its body under a new name, for the rare numbers
-- PostgreSQL writes with an exponent.
ALTER FUNCTION newsgraph_js_number(text) RENAME TO newsgraph_js_number_exponent;

-- A number PostgreSQL wrote without an exponent is written the same by JavaScript: returned as is, inline.
CREATE FUNCTION newsgraph_js_number(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN strpos(t, 'e') = 0 AND t NOT IN ('NaN', 'Infinity', '-Infinity', '-0') THEN t ELSE newsgraph_js_number_exponent(t) END
$$;

ALTER FUNCTION newsgraph_url_serialises_unchanged(text) CALLED ON NULL INPUT;
