import { beforeEach, describe, expect, it, vi } from 'vitest';

// WeChat's media APIs, stubbed at the boundary: what is tested is what we ask WeChat for.
const wx = vi.hoisted(() => ({
  size: { width: 0, height: 0 },
  chooseMedia: vi.fn(),
  compressImage: vi.fn(),
}));
vi.mock('@tarojs/taro', () => ({
  default: {
    chooseMedia: wx.chooseMedia,
    getImageInfo: async () => wx.size,
    compressImage: wx.compressImage,
    getFileSystemManager: () => ({
      getFileInfo: ({ success }: { success: (r: { size: number }) => void }) => success({ size: 1 }),
    }),
  },
}));

import { MAX_EDGE_PX, pickPhotos } from './pick';

function photo(width: number, height: number) {
  wx.size = { width, height };
}

describe('pickPhotos on WeChat', () => {
  beforeEach(() => {
    wx.chooseMedia.mockReset().mockResolvedValue({ tempFiles: [{ tempFilePath: 'tmp/a.jpg', size: 9 }] });
    wx.compressImage.mockReset().mockResolvedValue({ tempFilePath: 'tmp/a-small.jpg' });
  });

  it('scales an upright photo by its height, with the key WeChat knows (compressedHeight)', async () => {
    photo(3000, 4000);
    await pickPhotos('camera', 1);
    expect(wx.compressImage).toHaveBeenCalledWith({
      src: 'tmp/a.jpg',
      quality: 80,
      compressedHeight: MAX_EDGE_PX,
    });
  });

  it('scales a landscape photo by its width', async () => {
    photo(4000, 3000);
    await pickPhotos('camera', 1);
    expect(wx.compressImage).toHaveBeenCalledWith({
      src: 'tmp/a.jpg',
      quality: 80,
      compressedWidth: MAX_EDGE_PX,
    });
  });

  it('leaves a photo already small enough at its size', async () => {
    photo(1200, MAX_EDGE_PX);
    await pickPhotos('album', 1);
    expect(wx.compressImage).toHaveBeenCalledWith({ src: 'tmp/a.jpg', quality: 80 });
  });

  it('offers the camera beside the album when asked to, and only the album otherwise', async () => {
    photo(100, 100);
    await pickPhotos('album', 3, { orCamera: true });
    expect(wx.chooseMedia).toHaveBeenLastCalledWith(
      expect.objectContaining({ count: 3, sourceType: ['album', 'camera'] }),
    );
    await pickPhotos('album', 3);
    expect(wx.chooseMedia).toHaveBeenLastCalledWith(expect.objectContaining({ sourceType: ['album'] }));
    await pickPhotos('camera', 1);
    expect(wx.chooseMedia).toHaveBeenLastCalledWith(expect.objectContaining({ sourceType: ['camera'] }));
  });
});
