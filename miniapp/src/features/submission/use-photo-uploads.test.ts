import { describe, expect, it, vi } from 'vitest';

vi.mock('@tarojs/taro', () => ({ default: {} }));

import { copy } from '@/copy/zh-CN';
import { ApiError } from '@/services/api';
import { photoFailure } from './use-photo-uploads';

describe('a photo that did not upload', () => {
  it('shows the server’s reason for a refusal that sending it again cannot change, and offers only 删除', () => {
    const refusals = [
      new ApiError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPEG、PNG、WebP、GIF 图片或 PDF 文件', 415),
      new ApiError('UNSUPPORTED_MEDIA_TYPE', '图片已损坏或无法读取，请重新拍摄或选择', 415),
      new ApiError('PAYLOAD_TOO_LARGE', '文件不能超过 10 MB', 413),
      new ApiError('LIFECYCLE_REFUSED', '附件不符合要求。', 422),
    ];
    expect(refusals.map(photoFailure)).toEqual([
      { reason: '只能上传 JPEG、PNG、WebP、GIF 图片或 PDF 文件。请删除后换一张。', retryable: false },
      { reason: '图片已损坏或无法读取，请重新拍摄或选择。请删除后换一张。', retryable: false },
      { reason: '文件不能超过 10 MB。请删除后换一张。', retryable: false },
      { reason: '附件不符合要求。请删除后换一张。', retryable: false },
    ]);
    // A refusal the server did not word for people still says what is wrong, in Chinese.
    expect(photoFailure(new ApiError('PAYLOAD_TOO_LARGE', 'request entity too large', 413)).reason).toBe(
      '照片太大，请换一张（不超过 10 MB）。请删除后换一张。',
    );
  });

  it('offers 重试 where trying again can help: lost signal, a slow or busy server', () => {
    expect(photoFailure(new ApiError('NETWORK_ERROR', 'The upload failed'))).toEqual({
      reason: '网络连接失败，请检查网络后重试',
      retryable: true,
    });
    expect(photoFailure(new ApiError('TIMEOUT', 'The upload timed out')).retryable).toBe(true);
    expect(photoFailure(new ApiError('SERVICE_UNAVAILABLE', 'down', 503)).retryable).toBe(true);
    const busy = new ApiError('RATE_LIMITED', '同时上传的文件不能超过 3 个，请等前面的上传完成', 429);
    expect(photoFailure(busy)).toEqual({ reason: busy.message, retryable: true });
  });

  it('says a photo gone from the device cannot be sent: only 删除', () => {
    expect(photoFailure(null)).toEqual({ reason: '这张照片打不开，请删除后换一张', retryable: false });
  });

  it('is named in the form’s hint by the words its buttons read', () => {
    expect(copy.validation.photosNotUploaded).toContain(`“${copy.common.retry}”`);
    expect(copy.validation.photosNotUploaded).toContain(`“${copy.common.remove}”`);
    expect(copy.submit.photoRetry(1)).toContain(copy.common.retry);
  });
});
