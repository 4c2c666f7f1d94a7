export default definePageConfig({ navigationBarTitleText: '积案与重信重访', enablePullDownRefresh: true });
