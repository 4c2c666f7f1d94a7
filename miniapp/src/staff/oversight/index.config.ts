export default definePageConfig({ navigationBarTitleText: '改进建议、包案与下访' });
