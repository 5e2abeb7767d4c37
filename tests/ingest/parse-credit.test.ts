import { findTrailingCredit, parsePhotoCredit } from '../../src/ingest/parse-credit.ts';

describe('photo credits as wire copy writes them', () => {
  it('splits a pooled file photo distributed by an agency', () => {
    expect(parsePhotoCredit('File: Andrea Verdelli/Pool via Reuters')).toEqual({
      raw: 'File: Andrea Verdelli/Pool via Reuters',
      photographer: 'Andrea Verdelli',
      pool: true,
      distributor: 'Reuters',
      isFilePhoto: true,
      copyrightHolder: 'Reuters',
    });
  });

  it('reads AP style, agency first', () => {
    expect(parsePhotoCredit('AP Photo/Virginia Mayo')).toMatchObject({
      photographer: 'Virginia Mayo',
      distributor: 'AP',
      pool: false,
      isFilePhoto: false,
    });
  });

  it('reads Reuters style with a trailing file-photo marker', () => {
    expect(parsePhotoCredit('REUTERS/Toby Melville/File Photo')).toMatchObject({
      photographer: 'Toby Melville',
      distributor: 'Reuters',
      isFilePhoto: true,
    });
  });

  it('reads "Photo by Name/Getty Images"', () => {
    expect(parsePhotoCredit('Photo by Justin Sullivan/Getty Images')).toMatchObject({
      photographer: 'Justin Sullivan',
      distributor: 'Getty Images',
      isFilePhoto: false,
    });
  });

  it('keeps the distributor after "via" and the photographer after it', () => {
    expect(parsePhotoCredit('Action Images via Reuters/Paul Childs')).toMatchObject({
      photographer: 'Paul Childs',
      distributor: 'Reuters',
    });
  });

  it('reads a plain "Name/Agency" credit and a labelled one', () => {
    expect(parsePhotoCredit('Majed Jaber/Reuters')).toMatchObject({
      photographer: 'Majed Jaber',
      distributor: 'Reuters',
    });
    expect(parsePhotoCredit('Photo: William West/AFP')).toMatchObject({
      photographer: 'William West',
      distributor: 'AFP',
      isFilePhoto: false,
    });
  });

  it('treats a handout as having no photographer', () => {
    expect(parsePhotoCredit('Handout via Reuters')).toMatchObject({ photographer: null, distributor: 'Reuters' });
  });

  it('finds bracketed and bare credits at the end of a caption line, but not "(R)"', () => {
    const line =
      'Chinese President Xi Jinping (R) with Belarusian President Alexander Lukashenko [File: Andrea Verdelli/Pool via Reuters]';
    expect(findTrailingCredit(line)?.credit).toBe('File: Andrea Verdelli/Pool via Reuters');
    expect(
      findTrailingCredit(
        'A logo is seen at the headquarters in London, Britain, January 19, 2024. REUTERS/Toby Melville/File Photo',
      )?.credit,
    ).toBe('REUTERS/Toby Melville/File Photo');
    expect(
      findTrailingCredit('Chinese President Xi Jinping (R) with Belarusian President Alexander Lukashenko'),
    ).toBeNull();
  });
});
