// Image renditions: crops per aspect keep the focal point in frame, explicit crops win, rendition URLs follow the
// configured template and carry imgproxy's signature, the original file stands in without an image service, and an
// article page asking for all of it still costs one SQL statement.
import { createHmac } from 'node:crypto';

import { seedSampleArticle } from '../../seed/sample.ts';
import {
  ASPECT_RATIOS,
  type AspectRatio,
  cropFor,
  focalPointCrop,
  imageServiceFrom,
  imgproxySignature,
} from '../../src/media/renditions.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codes, fields, lukashenkoInput } from '../write/fixtures.ts';

// imgproxy's documented example (docs.imgproxy.net, "Signing a URL"): key "secret", salt "hello", hex-encoded.
const IMGPROXY_KEY = '736563726574';
const IMGPROXY_SALT = '68656c6c6f';
const TEMPLATE = 'https://img.example.com/{signature}/{crop}/rs:fill:{width}:{height}/plain/{url}';
const ASPECTS = Object.keys(ASPECT_RATIOS) as AspectRatio[];

describe('crops and signatures, computed', () => {
  test("the signature matches imgproxy's published example", () => {
    const path = '/rs:fill:300:400:0/g:sm/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png';
    const signature = imgproxySignature(path, Buffer.from(IMGPROXY_KEY, 'hex'), Buffer.from(IMGPROXY_SALT, 'hex'));
    expect(signature).toBe('oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH8');
  });

  test('the crop of every aspect has that aspect, lies inside the image and keeps the focal point inside', () => {
    const sizes = [
      [4000, 3000],
      [3000, 4000],
      [1920, 1080],
      [1000, 1000],
      [641, 479],
    ];
    const steps = [0, 0.01, 0.25, 0.5, 0.77, 0.99, 1];
    for (const [width, height] of sizes)
      for (const aspect of ASPECTS)
        for (const x of steps)
          for (const y of steps) {
            const crop = focalPointCrop(width!, height!, ASPECT_RATIOS[aspect], { x, y });
            const where = { width, height, aspect, x, y, crop };
            expect({
              ...where,
              inside: crop.x >= 0 && crop.y >= 0 && crop.x + crop.width <= width! && crop.y + crop.height <= height!,
            }).toMatchObject({ inside: true });
            expect({ ...where, ratio: Math.abs(crop.width - crop.height * ASPECT_RATIOS[aspect]) <= 1 }).toMatchObject({
              ratio: true,
            });
            const [fx, fy] = [x * width!, y * height!];
            expect({
              ...where,
              focal: fx >= crop.x && fx <= crop.x + crop.width && fy >= crop.y && fy <= crop.y + crop.height,
            }).toMatchObject({ focal: true });
            // As large as the image allows: it touches both edges of one dimension.
            expect(crop.width === width || crop.height === height).toBe(true);
          }
  });

  test('an explicit crop overrides the focal point; without the source size only explicit crops are known', () => {
    const media = { url: 'https://x/y.jpg', width: 4000, height: 3000, focalX: 0.9, focalY: 0.1, crops: null };
    expect(cropFor(media, 'SQUARE_1_1')).toEqual({ x: 1000, y: 0, width: 3000, height: 3000, explicit: false });
    const square = { x: 0, y: 0, width: 3000, height: 3000 };
    expect(cropFor({ ...media, crops: { SQUARE_1_1: square } }, 'SQUARE_1_1')).toEqual({ ...square, explicit: true });
    expect(cropFor({ ...media, width: null, height: null }, 'SQUARE_1_1')).toBeNull();
  });

  test('configuration: signing needs both key and salt and a {signature} placeholder', () => {
    expect(imageServiceFrom(loadConfig({}))).toBeNull();
    expect(() => loadConfig({ IMAGE_URL_TEMPLATE: TEMPLATE, IMAGE_URL_SIGNING_KEY: IMGPROXY_KEY })).toThrow(
      /IMAGE_URL_SIGNING_SALT/,
    );
    expect(() => loadConfig({ IMAGE_URL_TEMPLATE: 'https://img.example.com/{width}' })).toThrow(/IMAGE_URL_TEMPLATE/);
    expect(() =>
      loadConfig({
        IMAGE_URL_TEMPLATE: 'https://img.example.com/x/{url}',
        IMAGE_URL_SIGNING_KEY: 'ab',
        IMAGE_URL_SIGNING_SALT: 'cd',
      }),
    ).toThrow(/\{signature\}/);
    expect(() => loadConfig({ IMAGE_URL_SIGNING_KEY: 'not hex', IMAGE_URL_SIGNING_SALT: 'ab' })).toThrow(/hex/);
  });
});

describe('over HTTP', () => {
  let database: TestDatabase;
  let signed: TestServer;
  let plain: TestServer;
  let editor: Record<string, string>;

  const PHOTO = {
    ...(lukashenkoInput().media as object[])[0],
    url: 'https://images.example.org/2023/02/xi-lukashenko-handshake.jpg?v=2',
    altText: 'Xi Jinping shakes hands with Alexander Lukashenko',
    width: 4000,
    height: 3000,
    role: 'HERO',
    focalPoint: { x: 0.8, y: 0.3 },
    crops: [{ aspect: 'SQUARE_1_1', x: 100, y: 0, width: 3000, height: 3000 }],
  };

  const MEDIA_FIELDS = `
    focalPoint { x y }
    crops { aspect x y width height explicit }
    wide: renditions(widths: [320, 640, 8000], aspect: WIDE_16_9) { url width height aspect }
    natural: renditions(widths: [640]) { url width height aspect }
    srcSet(widths: [320, 640], aspect: SQUARE_1_1)
  `;
  const PAGE = `query Page($slug: String!) {
    article(slug: $slug) {
      headline
      blocks { kind text html marks { kind start end href } media { altText ${MEDIA_FIELDS} } }
      media { role media { id altText ${MEDIA_FIELDS} } }
    }
  }`;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedSampleArticle(database.prisma);
    const imageService = imageServiceFrom(
      loadConfig({
        IMAGE_URL_TEMPLATE: TEMPLATE,
        IMAGE_URL_SIGNING_KEY: IMGPROXY_KEY,
        IMAGE_URL_SIGNING_SALT: IMGPROXY_SALT,
      }),
    );
    signed = await startTestServer(database, { imageService });
    plain = await startTestServer(database);
    editor = { authorization: await signed.bearer('EDITOR', 'picture desk') };
    const input = { ...lukashenkoInput({ slug: 'renditions', media: [PHOTO] }), publish: true };
    const { body } = await signed.query(
      `mutation C($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }`,
      { input },
      editor,
    );
    expect(body.errors).toBeUndefined();
  });
  afterAll(async () => {
    await signed?.stop();
    await plain?.stop();
    await database?.drop();
  });

  const sign = (path: string) =>
    createHmac('sha256', Buffer.from(IMGPROXY_KEY, 'hex'))
      .update(Buffer.from(IMGPROXY_SALT, 'hex'))
      .update(path)
      .digest('base64url');
  const source = encodeURIComponent(PHOTO.url);

  test('renditions are signed imgproxy URLs cropped around the focal point, or by the explicit crop', async () => {
    const response = await signed.query<any>(PAGE, { slug: 'renditions' });
    expect(response.body.errors).toBeUndefined();
    const { media } = response.body.data.article.media[0];
    expect(media.focalPoint).toEqual({ x: 0.8, y: 0.3 });
    expect(media.crops).toEqual([
      { aspect: 'WIDE_16_9', x: 0, y: 0, width: 4000, height: 2250, explicit: false },
      { aspect: 'STANDARD_4_3', x: 0, y: 0, width: 4000, height: 3000, explicit: false },
      { aspect: 'SQUARE_1_1', x: 100, y: 0, width: 3000, height: 3000, explicit: true },
    ]);
    // 8000 is wider than the source: left out.
    expect(media.wide.map((r: any) => [r.width, r.height, r.aspect])).toEqual([
      [320, 180, 'WIDE_16_9'],
      [640, 360, 'WIDE_16_9'],
    ]);
    const path = `/c:4000:2250:nowe:0:0/rs:fill:320:180/plain/${source}`;
    expect(media.wide[0].url).toBe(`https://img.example.com/${sign(path)}${path}`);
    expect(media.natural).toEqual([
      {
        url: expect.stringMatching(/^https:\/\/img\.example\.com\/[\w-]{43}\/g:fp:0\.8:0\.3\/rs:fill:640:480\/plain\//),
        width: 640,
        height: 480,
        aspect: null,
      },
    ]);
    const squarePath = (w: number) => `/c:3000:3000:nowe:100:0/rs:fill:${w}:${w}/plain/${source}`;
    expect(media.srcSet).toBe(
      [320, 640].map((w) => `https://img.example.com/${sign(squarePath(w))}${squarePath(w)} ${w}w`).join(', '),
    );
  });

  test('the article page with renditions, crops, marks and block HTML still costs one SQL statement', async () => {
    for (const server of [signed, plain]) {
      const response = await server.query<any>(PAGE, { slug: 'renditions' });
      expect(response.body.errors).toBeUndefined();
      expect(response.statements).toBe(1);
    }
  });

  test('without an image service the renditions are the original file, once', async () => {
    const response = await plain.query<any>(PAGE, { slug: 'renditions' });
    const { media } = response.body.data.article.media[0];
    expect(media.wide).toEqual([{ url: PHOTO.url, width: 4000, height: 3000, aspect: null }]);
    expect(media.srcSet).toBe(`${PHOTO.url} 4000w`);
  });

  test('the sample photo has its focal point, and renditions without the source size let imgproxy crop around it', async () => {
    const response = await signed.query<any>(PAGE, { slug: 'belarus-president-lukashenko-to-visit-china-next-week' });
    const { media } = response.body.data.article.media[0];
    expect(media.focalPoint).toEqual({ x: 0.5, y: 0.4 });
    expect(media.crops).toEqual([]);
    expect(media.wide.map((r: any) => r.url)).toEqual(
      [320, 640, 8000].map((w) =>
        expect.stringContaining(`/g:fp:0.5:0.4/rs:fill:${w}:${Math.round(w / (16 / 9))}/plain/`),
      ),
    );
  });

  test('an editor moves the focal point with editMedia; the renditions follow', async () => {
    const before = await signed.query<any>(PAGE, { slug: 'renditions' });
    const { id } = before.body.data.article.media[0].media;
    const { body } = await signed.query<any>(
      `mutation E($id: ID!, $input: EditMediaInput!) { editMedia(id: $id, input: $input) { media { focalPoint { x y } crops { aspect explicit } } } }`,
      { id, input: { focalPoint: { x: 0.1, y: 0.9 }, crops: [] } },
      editor,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.editMedia.media.focalPoint).toEqual({ x: 0.1, y: 0.9 });
    expect(body.data.editMedia.media.crops.every((c: any) => !c.explicit)).toBe(true);
    const after = await signed.query<any>(PAGE, { slug: 'renditions' });
    expect(after.body.data.article.media[0].media.srcSet).toContain('/c:3000:3000:nowe:0:0/');
  });

  test.each([
    ['a focal point outside the picture', { focalPoint: { x: 1.2, y: 0.5 } }, 'input.focalPoint.x'],
    [
      'a crop of the wrong shape',
      { crops: [{ aspect: 'WIDE_16_9', x: 0, y: 0, width: 1000, height: 1000 }] },
      'input.crops.0.width',
    ],
    [
      'one aspect cropped twice',
      {
        crops: [
          { aspect: 'SQUARE_1_1', x: 0, y: 0, width: 10, height: 10 },
          { aspect: 'SQUARE_1_1', x: 0, y: 0, width: 20, height: 20 },
        ],
      },
      'input.crops.1.aspect',
    ],
  ])('editMedia refuses %s with BAD_USER_INPUT naming the field', async (_, input, field) => {
    const page = await signed.query<any>(PAGE, { slug: 'renditions' });
    const { body } = await signed.query(
      `mutation E($id: ID!, $input: EditMediaInput!) { editMedia(id: $id, input: $input) { media { id } } }`,
      { id: page.body.data.article.media[0].media.id, input },
      editor,
    );
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect((body.errors![0]!.extensions as any).field).toBe(field);
  });

  test('a story that uses the photo again without a focal point or crops keeps the stored ones', async () => {
    const read = async () => (await signed.query<any>(PAGE, { slug: 'renditions' })).body.data.article.media[0].media;
    const before = await read();
    const { focalPoint: _focalPoint, crops: _crops, ...photo } = PHOTO as Record<string, unknown>;
    const input = lukashenkoInput({ slug: 'reuses-photo', media: [photo] });
    const { body } = await signed.query(
      `mutation C($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }`,
      { input },
      editor,
    );
    expect(body.errors).toBeUndefined();
    const after = await read();
    expect(before.focalPoint).not.toBeNull();
    expect({ focalPoint: after.focalPoint, crops: after.crops }).toEqual({
      focalPoint: before.focalPoint,
      crops: before.crops,
    });
  });

  test('a crop outside the picture is refused on write', async () => {
    const input = lukashenkoInput({
      slug: 'crop-outside',
      media: [{ ...PHOTO, crops: [{ aspect: 'SQUARE_1_1', x: 2000, y: 0, width: 3000, height: 3000 }] }],
    });
    const { body } = await signed.query(
      `mutation C($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }`,
      { input },
      editor,
    );
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(fields(body)).toEqual(['input.media.0.crops.0']);
  });

  test.each([
    [[], 'no width'],
    [[8], 'too narrow'],
    [[100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300], 'too many'],
  ])('renditions(widths: %j) (%s) is BAD_USER_INPUT', async (widths) => {
    const { body } = await signed.query(
      `query W($slug: String!, $widths: [Int!]) { article(slug: $slug) { media { media { renditions(widths: $widths) { url } } } } }`,
      { slug: 'renditions', widths },
    );
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
  });
});
