-- Written by hand: the response-rendering functions of 20261128180000_response_rendering, made inlinable. PostgreSQL
-- inlines a SQL function into the calling statement only when its body is one expression without FROM and, for a
-- STRICT function, only when that expression is strict too (CASE, AND and OR are not). Neither function was inlined:
-- each call ran as a function call of its own, about 15 µs a row, a third of the article page's database time (0.4
-- of 1.2 ms). Declared without STRICT they give the same answers (NULL in, NULL out) and are inlined.

-- The exponent form (and NaN, the infinities, -0), as newsgraph_js_number did before: JavaScript writes 1e-05 as
-- 0.00001, and NULL where V8 and PostgreSQL may pick different digits (see 20261128180000_response_rendering).
CREATE FUNCTION newsgraph_js_number_exponent(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN t IN ('NaN', 'Infinity', '-Infinity') THEN NULL
    WHEN t = '-0' THEN '0'
    WHEN m IS NULL THEN t
    WHEN n > 15 THEN NULL
    ELSE m[1] || CASE
      WHEN n >= k THEN d || repeat('0', n - k)
      WHEN n > 0 THEN left(d, n) || '.' || substr(d, n + 1)
      WHEN n > -6 THEN '0.' || repeat('0', -n) || d
      ELSE left(d, 1) || CASE WHEN k > 1 THEN '.' || substr(d, 2) ELSE '' END || 'e' || CASE WHEN n > 0 THEN '+' ELSE '-' END || abs(n - 1)::text
    END
  END
  FROM (
    SELECT m, m[2] || coalesce(m[3], '') AS d, length(m[2] || coalesce(m[3], '')) AS k, m[4]::int + 1 AS n
    FROM (SELECT regexp_match(t, '^(-?)(\d)(?:\.(\d+))?e([-+]\d+)$') AS m) parsed
  ) parts
$$;

-- A number PostgreSQL wrote without an exponent is written the same by JavaScript: returned as is, inline.
CREATE OR REPLACE FUNCTION newsgraph_js_number(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN strpos(t, 'e') = 0 AND t NOT IN ('NaN', 'Infinity', '-Infinity', '-0') THEN t ELSE newsgraph_js_number_exponent(t) END
$$;

CREATE OR REPLACE FUNCTION newsgraph_url_serialises_unchanged(u text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (
    u ~ '^https?://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,63}(/[A-Za-z0-9!$&''()*+,.:\x3b=@_~%-]*)+(\?[A-Za-z0-9!$&()*+,./:\x3b=?@_~%-]*)?$'
    AND u !~ '^https?://([^/]*\.)?xn--'
    AND u !~ '/\.\.?(/|\?|$)'
    AND u !~* '%2e'
  ) OR u ~ '^urn:[A-Za-z0-9][A-Za-z0-9!$&''()*+,.:\x3b=@_~%-]*$'
$$;
