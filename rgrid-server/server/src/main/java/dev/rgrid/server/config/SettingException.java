package dev.rgrid.server.config;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Setting;

/** A server setting that is missing or malformed: names the setting, the value at fault and a good example. */
public final class SettingException extends InvalidInputException {

    private SettingException(String code, String what, String value, String hint) {
        super(code, what, value, hint);
    }

    public static SettingException missing(Setting setting, String why) {
        return new SettingException("missing_setting", setting.envNames().get(0) + " is not set (" + why + ")", null,
                "Set it in the environment or as " + setting.fileKey() + " in the config file, for example "
                        + example(setting));
    }

    public static SettingException malformed(Setting setting, ConfigValue raw, String expected) {
        return new SettingException("invalid_setting", "The " + setting.fileKey() + " setting from " + raw.source()
                + " is not valid", raw.value(), "Give " + expected + ", for example " + example(setting));
    }

    private static String example(Setting setting) {
        return setting.envNames().get(0) + "=" + setting.example();
    }
}
