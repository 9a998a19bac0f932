package io.scalewatch.core.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void text_markupCharacters_areEntities() {
        assertThat(Html.text("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.text("a & b")).isEqualTo("a &amp; b");
    }

    @Test
    void text_alreadyEscapedInput_isEscapedAgainNotDecoded() {
        assertThat(Html.text("&lt;b&gt; &amp;")).isEqualTo("&amp;lt;b&amp;gt; &amp;amp;");
    }

    @Test
    void attr_quotesOfBothKinds_cannotCloseTheAttribute() {
        assertThat(Html.attr("x\" onmouseover=\"alert(1)")).isEqualTo("x&quot; onmouseover=&quot;alert(1)");
        assertThat(Html.attr("x' onfocus='alert(1)")).isEqualTo("x&#39; onfocus=&#39;alert(1)");
    }

    @Test
    void text_controlCharactersAndNoncharacters_becomeReplacementCharacter() {
        assertThat(Html.text("a\u0000b\u0007c\u007Fd\u0085e\uFFFEf\uFFFF"))
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFD");
    }

    @Test
    void text_tabNewlineCarriageReturn_areKept() {
        assertThat(Html.text("a\tb\nc\rd")).isEqualTo("a\tb\nc\rd");
    }

    @Test
    void text_unpairedSurrogates_becomeReplacementCharacterAndPairsAreKept() {
        assertThat(Html.text("x\uD800y\uDC00z")).isEqualTo("x\uFFFDy\uFFFDz");
        assertThat(Html.text("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
        assertThat(Html.text("end\uD83D")).isEqualTo("end\uFFFD");
    }

    @Test
    void text_plainText_isUnchanged() {
        String plain = "arn:aws:iam::111122223333:role/castai-eks-demo (us-east-1) 50% = ok; é ü 日本";
        assertThat(Html.text(plain)).isEqualTo(plain);
    }

    @Test
    void text_javascriptUrl_staysTextBecauseNoUrlContextIsOffered() {
        // the report never emits user text into href/src: text() does not try to make a URL safe
        assertThat(Html.text("javascript:alert(1)")).isEqualTo("javascript:alert(1)");
    }
}
