export default definePageConfig({ navigationBarTitleText: '未送达的法定告知', enablePullDownRefresh: true });
