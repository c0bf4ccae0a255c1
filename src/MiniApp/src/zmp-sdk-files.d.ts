// zmp-sdk ships one ES module per API without typings of their own; zalo.ts casts each to the SDK's declared type.
declare module "zmp-sdk/apis/apis/*.js" {
  export const getAccessToken: unknown, getPhoneNumber: unknown, getLocation: unknown, openShareSheet: unknown;
  export const scanQRCode: unknown, chooseImage: unknown, requestSendNotification: unknown;
}
