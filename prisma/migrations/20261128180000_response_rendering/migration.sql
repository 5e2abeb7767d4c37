-- Written by hand: two pure functions for responses rendered in SQL (src/shared/selection.ts, response mode), so
-- that PostgreSQL writes a value exactly as the GraphQL server would serialise it.

-- JavaScript's Number#toString of a number PostgreSQL wrote in its shortest form (float4out/float8out: the text of
-- `x::text`). The digits are the same (both are the shortest that read back to the same double), only where the
-- decimal point or an exponent goes differs: PostgreSQL writes 1e-05 and 1e+15 where JavaScript writes 0.00001 and
-- 1000000000000000. NULL for NaN and the infinities, which GraphQL's Float refuses to serialise, and from 1e15 on,
-- where the shortest decimal can fall exactly between two doubles and V8 and PostgreSQL then pick different digits.
CREATE FUNCTION newsgraph_js_number(t text) RETURNS text
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

-- True when the URL scalar (WHATWG URL parsing and serialisation) gives the text back unchanged, for a conservative
-- set of forms: lowercase http(s) with a lowercase domain name, a path and an optional query, of characters that are
-- never percent-encoded, without dot segments, ports, user info or fragments, and opaque urn: names. Anything else
-- is false, and the response is left to resolvers, which serialise through the scalar itself. (\x3b is the semicolon:
-- the migration runner splits scripts at every semicolon, even inside a function body.)
CREATE FUNCTION newsgraph_url_serialises_unchanged(u text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (
    u ~ '^https?://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,63}(/[A-Za-z0-9!$&''()*+,.:\x3b=@_~%-]*)+(\?[A-Za-z0-9!$&()*+,./:\x3b=?@_~%-]*)?$'
    AND u !~ '^https?://([^/]*\.)?xn--'
    AND u !~ '/\.\.?(/|\?|$)'
    AND u !~* '%2e'
  ) OR u ~ '^urn:[A-Za-z0-9][A-Za-z0-9!$&''()*+,.:\x3b=@_~%-]*$'
$$;
