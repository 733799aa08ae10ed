"""The notification centre: one model for every app's messages, their delivery channels (in-app,
mail, SMS/WeChat), the unread badge and the deadline reminders."""
